namespace DisputeKit.StripeFake;

/// <summary>A failure the fake serves instead of (or before) a normal answer.</summary>
public sealed record FakeFault
{
    /// <summary>HTTP status to answer with; null for a dropped connection or a pure delay.</summary>
    public int? Status { get; init; }
    /// <summary>The <c>Stripe-Should-Retry</c> header to send, when set.</summary>
    public bool? ShouldRetry { get; init; }
    /// <summary>The <c>Retry-After</c> header in seconds, when set.</summary>
    public int? RetryAfterSeconds { get; init; }
    /// <summary>Close the connection without an answer, before the request is applied.</summary>
    public bool Drop { get; init; }
    /// <summary>Apply the request (saving its answer under its idempotency key, as Stripe does), then close the connection before answering.</summary>
    public bool DropAfterApply { get; init; }
    /// <summary>
    /// As Stripe does when an endpoint began to run and failed: the answer (a 500) is saved under the
    /// request's idempotency key and replayed for every later request with that key. With
    /// <see cref="DropAfterApply"/>-like <see cref="Applied"/>, the request took effect before it failed.
    /// </summary>
    public bool SavedUnderKey { get; init; }
    /// <summary>With <see cref="SavedUnderKey"/>: the request was applied before the failure was saved (its effect stands).</summary>
    public bool Applied { get; init; }
    /// <summary>With <see cref="Delay"/>: apply the request first, then wait that long before answering (a client killed meanwhile never hears that it went in).</summary>
    public bool DelayAfterApply { get; init; }
    /// <summary>Wait this long first; with no status and no drop, then answer normally.</summary>
    public TimeSpan Delay { get; init; }
    /// <summary>Only requests whose path starts with this are hit; null hits any.</summary>
    public string? PathPrefix { get; init; }

    public static FakeFault Http(int status, bool? shouldRetry = null, int? retryAfterSeconds = null, string? pathPrefix = null) =>
        new() { Status = status, ShouldRetry = shouldRetry, RetryAfterSeconds = retryAfterSeconds, PathPrefix = pathPrefix };

    /// <summary>A 500 saved under the request's key (Stripe replays it for that key), the request applied first or not.</summary>
    public static FakeFault Saved500(bool applied = false, string? pathPrefix = null) =>
        new() { Status = 500, SavedUnderKey = true, Applied = applied, PathPrefix = pathPrefix };

    public static FakeFault DropConnection(string? pathPrefix = null) => new() { Drop = true, PathPrefix = pathPrefix };

    public static FakeFault DropAfterApplying(string? pathPrefix = null) => new() { DropAfterApply = true, PathPrefix = pathPrefix };

    public static FakeFault Slow(TimeSpan delay, string? pathPrefix = null) => new() { Delay = delay, PathPrefix = pathPrefix };

    /// <summary>Applies the request, then waits <paramref name="delay"/> before answering.</summary>
    public static FakeFault SlowAfterApplying(TimeSpan delay, string? pathPrefix = null) => new() { Delay = delay, DelayAfterApply = true, PathPrefix = pathPrefix };
}

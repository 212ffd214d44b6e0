using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Stripe.Client;

/// <summary>Where and how to reach Stripe (section <c>Stripe</c>).</summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    /// <summary>Secret or restricted key; from configuration or <c>STRIPE_API_KEY</c>, never from a committed file.</summary>
    public string? ApiKey { get; set; }

    /// <summary>API host. Default <c>https://api.stripe.com</c>.</summary>
    [Required]
    public Uri ApiBase { get; set; } = new("https://api.stripe.com");

    /// <summary>Files host for uploads. Default <c>https://files.stripe.com</c>.</summary>
    [Required]
    public Uri FilesBase { get; set; } = new("https://files.stripe.com");

    /// <summary>Live keys (<c>sk_live_</c>, <c>rk_live_</c>) are refused unless this is true.</summary>
    public bool AllowLiveKeys { get; set; }

    /// <summary>Timeout of one HTTP attempt, seconds. Default 30.</summary>
    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Longest one call may take with all its retries, seconds. Default 120.</summary>
    [Range(1, 3600)]
    public int CallDeadlineSeconds { get; set; } = 120;

    /// <summary>Retries after the first attempt. Default 5.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>Median delay before the first retry, milliseconds; doubles per retry, with jitter. Default 500.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>Longest wait between two attempts (also caps <c>Retry-After</c>), seconds. Default 20.</summary>
    [Range(1, 600)]
    public int RetryMaxDelaySeconds { get; set; } = 20;

    /// <summary>Client-side limit on API requests per second. Default: 25 with a test key, 90 with a live key.</summary>
    [Range(1, 1000)]
    public int? ApiRequestsPerSecond { get; set; }

    /// <summary>Client-side limit on file uploads per second. Default 20.</summary>
    [Range(1, 1000)]
    public int FilesRequestsPerSecond { get; set; } = 20;

    /// <summary>Share of failed attempts (connection failures, timeouts, 5xx) that opens the circuit. Default 0.5.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts seen in the sampling window before the breaker may open. Default 20.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 20;

    /// <summary>Window in which failures are counted, seconds. Default 30.</summary>
    [Range(1, 3600)]
    public int BreakerSamplingSeconds { get; set; } = 30;

    /// <summary>How long the circuit stays open before one trial request, seconds. Default 30.</summary>
    [Range(1, 3600)]
    public int BreakerBreakSeconds { get; set; } = 30;

    /// <summary>
    /// The webhook endpoint's signing secrets (<c>whsec_…</c>; a secret: set
    /// <c>Stripe__WebhookSecrets__0</c> in the environment). Two while a secret is rotated: a
    /// request signed with either is accepted. Empty (the default): no webhook is accepted and
    /// <c>run</c> learns of disputes by polling alone.
    /// </summary>
    public IReadOnlyList<string> WebhookSecrets { get; set; } = [];

    /// <summary>How old a webhook's signed timestamp may be, seconds, against replays. Default 300 (Stripe's).</summary>
    [Range(1, 3600)]
    public int WebhookToleranceSeconds { get; set; } = 300;

    public int EffectiveApiRequestsPerSecond =>
        ApiRequestsPerSecond ?? (ApiKey is { } key && IsLiveKey(key) ? 90 : 25);

    public static bool IsLiveKey(string key) =>
        key.StartsWith("sk_live_", StringComparison.Ordinal) || key.StartsWith("rk_live_", StringComparison.Ordinal);
}

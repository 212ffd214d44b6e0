namespace DisputeKit.Core.Cases;

/// <summary>Waiting for a case another process is working (a person's command behind a running sweep).</summary>
public static class CaseClaims
{
    /// <summary>Claims the case, waiting up to <paramref name="wait"/> for whoever holds it.</summary>
    /// <exception cref="CaseBusyException">The case was still claimed when the wait ran out.</exception>
    public static Task<IAsyncDisposable> ClaimAsync(this ICaseStore store, string disputeId, TimeSpan wait, CancellationToken cancellationToken) =>
        WaitAsync(ct => store.TryClaimAsync(disputeId, ct), wait, () => new CaseBusyException(disputeId, wait), cancellationToken);

    /// <summary>Tries <paramref name="tryClaim"/> every 200 ms until it gives a claim, or <paramref name="wait"/> has passed (then throws <paramref name="busy"/>'s exception).</summary>
    public static async Task<IAsyncDisposable> WaitAsync(
        Func<CancellationToken, Task<IAsyncDisposable?>> tryClaim, TimeSpan wait, Func<Exception> busy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tryClaim);
        ArgumentNullException.ThrowIfNull(busy);
        var step = TimeSpan.FromMilliseconds(200);
        var waited = TimeSpan.Zero;
        while (true)
        {
            if (await tryClaim(cancellationToken) is { } claim)
            {
                return claim;
            }

            if (waited >= wait)
            {
                throw busy();
            }

            await Task.Delay(step, cancellationToken);
            waited += step;
        }
    }
}

/// <summary>Another DisputeKit process is working the case.</summary>
public sealed class CaseBusyException(string disputeId, TimeSpan waited)
    : IOException($"Dispute {disputeId} is being worked by another DisputeKit process (a sweep or a worker); waited {waited.TotalSeconds:0} s. Try again when it has finished.")
{
    public string DisputeId { get; } = disputeId;
}

namespace DisputeKit.Core.Cases;

/// <summary>Waiting for a case another process is working (a person's command behind a running sweep).</summary>
public static class CaseClaims
{
    /// <summary>Claims the case, waiting up to <paramref name="wait"/> for whoever holds it.</summary>
    /// <exception cref="CaseBusyException">The case was still claimed when the wait ran out.</exception>
    public static async Task<IAsyncDisposable> ClaimAsync(this ICaseStore store, string disputeId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromMilliseconds(200);
        var waited = TimeSpan.Zero;
        while (true)
        {
            if (await store.TryClaimAsync(disputeId, cancellationToken) is { } claim)
            {
                return claim;
            }

            if (waited >= wait)
            {
                throw new CaseBusyException(disputeId, wait);
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

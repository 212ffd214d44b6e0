namespace DisputeKit.Core.Disputes;

/// <summary>The disputes as Stripe listed them in one run, found by id.</summary>
public interface IListedDisputes
{
    /// <summary>The dispute as listed; null when the run did not list it.</summary>
    ValueTask<Dispute?> FindAsync(string disputeId, CancellationToken cancellationToken);
}

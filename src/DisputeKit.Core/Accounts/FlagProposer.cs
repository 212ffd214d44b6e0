using DisputeKit.Core.Disputes;
using DisputeKit.Core.Policies;

namespace DisputeKit.Core.Accounts;

/// <summary>Records a flag decision on the account's one open flag; a dispute already linked changes nothing.</summary>
public sealed class FlagProposer(IFlagStore flags, TimeProvider clock)
{
    /// <returns>True when the store changed.</returns>
    public async Task<bool> ProposeAsync(string customerId, Dispute dispute, FlagDecision decision, CancellationToken cancellationToken)
    {
        if (!decision.Flag)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var flagged = new FlaggedDispute(dispute.Id, dispute.Reason, dispute.Amount, dispute.Currency, decision.Severity, decision.Reason);
        return await flags.UpdateOpenAsync(customerId, open => Merge(open, customerId, flagged, now), cancellationToken);
    }

    /// <summary>The open flag with the dispute linked; null when it already is.</summary>
    private static AccountFlag? Merge(AccountFlag? open, string customerId, FlaggedDispute flagged, DateTimeOffset now)
    {
        if (open is not null && open.Disputes.Any(d => d.DisputeId == flagged.DisputeId))
        {
            return null;
        }

        var disputes = open is null ? [flagged] : open.Disputes.Append(flagged).ToList();
        var severity = FlagPolicy.Combine(disputes.Select(d => d.Severity));
        var action = FlagPolicy.ActionFor(severity);

        if (open is null)
        {
            return new AccountFlag
            {
                Id = AccountFlag.NewId(customerId, now),
                CustomerId = customerId,
                State = FlagStates.Proposed,
                Severity = severity,
                SuggestedAction = action,
                Disputes = disputes,
                CreatedAt = now,
                UpdatedAt = now,
                History = [new FlagEvent(now, string.Empty, FlagStates.Proposed, FlagActor.DisputeKit.Name, false, $"dispute {flagged.DisputeId} ({flagged.DisputeReason}): {flagged.Why}")],
            };
        }

        // A confirmed flag stays confirmed: the new dispute is linked and noted for the person who confirmed it.
        return open.Note(FlagActor.DisputeKit, $"dispute {flagged.DisputeId} ({flagged.DisputeReason}) linked: {flagged.Why}", now) with
        {
            Severity = severity,
            SuggestedAction = action,
            Disputes = disputes,
        };
    }
}

using DisputeKit.Core.Disputes;
using DisputeKit.Core.Policies;

namespace DisputeKit.Core.Accounts;

/// <summary>Records a flag decision on the account's one open flag; a dispute already linked changes nothing.</summary>
public sealed class FlagProposer(IFlagStore flags, TimeProvider clock)
{
    private static readonly string[] SeverityOrder = ["review", "limit", "suspend"];

    /// <summary>How serious a flag severity is: <c>review</c> 0, <c>limit</c> 1, <c>suspend</c> 2, unknown -1.</summary>
    public static int SeverityRank(string severity) => Array.IndexOf(SeverityOrder, severity);

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

        // A person must look at any account with an identity claim, whatever else it has.
        var severity = disputes.Any(d => d.Severity == "review")
            ? "review"
            : disputes.MaxBy(d => SeverityRank(d.Severity))!.Severity;
        var action = severity switch
        {
            "review" => "person_review",
            "limit" => "limit_purchases",
            _ => "suspend",
        };

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

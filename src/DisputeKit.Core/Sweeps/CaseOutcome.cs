using DisputeKit.Core.Cases;
using DisputeKit.Core.Submission;

namespace DisputeKit.Core.Sweeps;

/// <summary>What one sweep did with one dispute.</summary>
public sealed record CaseOutcome
{
    public required string DisputeId { get; init; }
    public required string Reason { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public DateTimeOffset? DueBy { get; init; }
    public required CaseState State { get; init; }
    public string? Verdict { get; init; }
    /// <summary>Estimated chance of winning if fought, 0–1.</summary>
    public double? WinChance { get; init; }
    /// <summary>Expected money kept by fighting rather than accepting, minor units of <see cref="Currency"/>.</summary>
    public long? ExpectedGain { get; init; }
    public string? OrderId { get; init; }
    public bool Flagged { get; init; }
    /// <summary>False when the sweep found the case already done and touched nothing.</summary>
    public required bool Changed { get; init; }
    public bool OnHold { get; init; }
    /// <summary>The deadline is within the submission margin and nothing has been sent to the bank.</summary>
    public bool Urgent { get; init; }
    public string? Note { get; init; }
    /// <summary>Another process held the case's claim: this sweep left it alone, and <see cref="State"/> is what was stored.</summary>
    public bool ClaimedElsewhere { get; init; }
    /// <summary>The state the stored case had before this sweep came to it; null for a case it discovered. Moves the summary's count of cases by state; not written.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public CaseState? Was { get; init; }

    /// <summary>The outcome of a case as it stands after the work on it.</summary>
    public static CaseOutcome Of(DisputeCase c, bool changed, bool flagged, DateTimeOffset now, SubmissionOptions submission)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            DisputeId = c.DisputeId,
            Reason = c.Reason,
            Amount = c.Amount,
            Currency = c.Currency,
            DueBy = c.DueBy,
            State = c.State,
            Verdict = c.Verdict?.Kind,
            WinChance = c.Economics?.WinChance,
            ExpectedGain = c.Economics?.ExpectedGain,
            OrderId = c.OrderIds.Count > 1 ? string.Join(", ", c.OrderIds) : c.OrderId,
            Flagged = flagged,
            Changed = changed,
            OnHold = c.OnHold,
            Urgent = SubmissionPolicy.IsUrgent(c, now, submission),
            Note = c.Note,
        };
    }
}

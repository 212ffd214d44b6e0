using DisputeKit.Core.Cases;

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
}

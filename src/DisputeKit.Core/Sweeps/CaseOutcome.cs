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
    public string? OrderId { get; init; }
    public bool Flagged { get; init; }
    /// <summary>False when the sweep found the case already done and touched nothing.</summary>
    public required bool Changed { get; init; }
    public string? Note { get; init; }
}

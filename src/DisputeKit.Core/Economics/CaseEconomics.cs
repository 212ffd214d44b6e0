namespace DisputeKit.Core.Economics;

/// <summary>
/// The money in one case: what fighting can recover against what it costs, so cases can be
/// ranked. Amounts in minor units of <see cref="Currency"/>.
/// </summary>
public sealed record CaseEconomics
{
    public required string Currency { get; init; }
    /// <summary>The disputed amount less what the policy says is owed: what a win keeps.</summary>
    public required long AtStake { get; init; }
    public required long DisputeFee { get; init; }
    public required long CounterFee { get; init; }
    /// <summary>Estimated chance the bank rules for the seller, 0–1.</summary>
    public required double WinChance { get; init; }
    /// <summary>Expected money kept by fighting rather than accepting (can be negative).</summary>
    public required long ExpectedGain { get; init; }
    /// <summary>Evidence strength behind the estimate, 0–1.</summary>
    public required double EvidenceStrength { get; init; }
    /// <summary>Where the win rate came from and what moved it, in words.</summary>
    public required string Basis { get; init; }
}

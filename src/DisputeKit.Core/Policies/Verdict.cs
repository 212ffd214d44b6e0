namespace DisputeKit.Core.Policies;

/// <summary>The policy's answer for one dispute, with the rules and facts behind it.</summary>
public sealed record Verdict
{
    public required VerdictKind Kind { get; init; }
    /// <summary>For <see cref="VerdictKind.Partial"/> and <see cref="VerdictKind.Accept"/>: what the customer is owed, minor units.</summary>
    public long? AmountOwed { get; init; }
    public required IReadOnlyList<PolicyRule> Rules { get; init; }
    public required IReadOnlyList<string> Facts { get; init; }
    /// <summary>One or two sentences a bank reviewer or finance person reads first.</summary>
    public required string Summary { get; init; }
}

namespace DisputeKit.Core.Cases;

/// <summary>The verdict as kept on the case.</summary>
public sealed record CaseVerdict
{
    public required string Kind { get; init; }
    public long? AmountOwed { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<string> Facts { get; init; }
    public required IReadOnlyList<string> Rules { get; init; }
}

namespace DisputeKit.Core.Accounts;

/// <summary>
/// A proposal to limit or suspend a customer's account because they disputed without
/// contacting support. One open flag per account; every dispute behind it is linked.
/// </summary>
public sealed record AccountFlag
{
    public required string CustomerId { get; init; }
    /// <summary><c>proposed</c>, <c>confirmed</c>, <c>lifted</c> or <c>expired</c>.</summary>
    public required string State { get; init; }
    /// <summary><c>review</c>, <c>limit</c> or <c>suspend</c>; the most serious of its disputes.</summary>
    public required string Severity { get; init; }
    public required string SuggestedAction { get; init; }
    public required IReadOnlyList<FlaggedDispute> Disputes { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A dispute behind a flag, with the reason it was flagged.</summary>
public sealed record FlaggedDispute(string DisputeId, string DisputeReason, long Amount, string Currency, string Severity, string Why);

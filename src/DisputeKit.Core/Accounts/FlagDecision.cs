namespace DisputeKit.Core.Accounts;

/// <summary>Whether to propose a flag on the customer's account, and what a person should consider.</summary>
public sealed record FlagDecision
{
    public required bool Flag { get; init; }
    /// <summary><c>none</c>, <c>review</c> (a person must look; never automatic), <c>limit</c> or <c>suspend</c>.</summary>
    public required string Severity { get; init; }
    /// <summary><c>none</c>, <c>person_review</c>, <c>limit_purchases</c> or <c>suspend</c>.</summary>
    public required string SuggestedAction { get; init; }
    public required string Reason { get; init; }

    public static FlagDecision None(string reason) =>
        new() { Flag = false, Severity = "none", SuggestedAction = "none", Reason = reason };
}

namespace DisputeKit.Core.Cases;

/// <summary>The prior-contact finding as kept on the case.</summary>
public sealed record CasePriorContact
{
    public required bool ContactedAboutPurchase { get; init; }
    public required bool ContactedAtAll { get; init; }
    public DateTimeOffset? LastContactAt { get; init; }
    public required string Statement { get; init; }
    public required IReadOnlyList<string> MessageIds { get; init; }
    /// <summary>Contact sources that were not read when no contact was found: the finding is unknown, and the case is for a person.</summary>
    public IReadOnlyList<string> UnreadSources { get; init; } = [];
}

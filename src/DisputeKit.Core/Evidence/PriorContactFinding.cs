using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Evidence;

/// <summary>Whether the customer contacted support before disputing, with the messages that show it.</summary>
public sealed record PriorContactFinding
{
    /// <summary>Start of the window searched (the account's creation, or the order's when unknown).</summary>
    public required DateTimeOffset WindowStart { get; init; }
    /// <summary>End of the window searched: when the dispute was opened.</summary>
    public required DateTimeOffset WindowEnd { get; init; }
    /// <summary>Any inbound message before the dispute.</summary>
    public required bool ContactedAtAll { get; init; }
    /// <summary>An inbound message before the dispute naming this purchase, or naming no order at all after it was made.</summary>
    public required bool ContactedAboutPurchase { get; init; }
    public DateTimeOffset? LastContactAt { get; init; }
    /// <summary>Time from the last inbound contact to the dispute.</summary>
    public TimeSpan? GapToDispute { get; init; }
    /// <summary>The messages behind the finding: the relevant inbound ones, or none.</summary>
    public required IReadOnlyList<SupportMessage> Proof { get; init; }
    /// <summary>Messages that do not count and why (outbound only, after the dispute).</summary>
    public required IReadOnlyList<string> NotCounted { get; init; }
    /// <summary>One plain English sentence for the bank and the case file.</summary>
    public required string Statement { get; init; }
    /// <summary>Contact sources that were not read; while any is, "no contact" is not a finding (<see cref="Known"/>).</summary>
    public IReadOnlyList<string> UnreadSources { get; init; } = [];

    /// <summary>False when no contact was found but a contact source was not read: nothing may rest on the absence of contact.</summary>
    public bool Known => ContactedAboutPurchase || UnreadSources.Count == 0;
}

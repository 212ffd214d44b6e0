using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Evidence;

/// <summary>How a dispute was tied to the seller's records, and what was tried.</summary>
public sealed record DisputeMatch
{
    public Order? Order { get; init; }
    public Subscription? Subscription { get; init; }
    /// <summary>The renewal the disputed charge paid for, when it was a subscription renewal.</summary>
    public SubscriptionRenewal? Renewal { get; init; }
    public Customer? Customer { get; init; }
    /// <summary>Which rule matched, e.g. <c>order charge id</c>; null when nothing matched.</summary>
    public string? MatchedBy { get; init; }
    /// <summary>Every lookup made, in order, with its outcome; shown to the person when nothing matched.</summary>
    public required IReadOnlyList<string> Tried { get; init; }

    public bool IsMatched => Order is not null || Subscription is not null;

    public string? CustomerId => Customer?.Id ?? Order?.CustomerId ?? Subscription?.CustomerId;
}

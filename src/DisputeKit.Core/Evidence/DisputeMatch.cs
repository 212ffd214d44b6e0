using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Evidence;

/// <summary>How a dispute was tied to the seller's records, and what was tried.</summary>
public sealed record DisputeMatch
{
    /// <summary>Every order the disputed charge paid for (one checkout may buy several services), oldest first.</summary>
    public IReadOnlyList<Order> Orders { get; init; } = [];
    public Subscription? Subscription { get; init; }
    /// <summary>The renewal the disputed charge paid for, when it was a subscription renewal.</summary>
    public SubscriptionRenewal? Renewal { get; init; }
    public Customer? Customer { get; init; }
    /// <summary>Which rule matched, e.g. <c>order charge id</c>; null when nothing matched.</summary>
    public string? MatchedBy { get; init; }
    /// <summary>Every lookup made, in order, with its outcome; shown to the person when nothing matched.</summary>
    public required IReadOnlyList<string> Tried { get; init; }

    /// <summary>The first (oldest) order of the purchase; null when the charge paid for no order.</summary>
    public Order? Order => Orders.Count > 0 ? Orders[0] : null;

    public bool IsMatched => Orders.Count > 0 || Subscription is not null;

    public string? CustomerId => Customer?.Id ?? Order?.CustomerId ?? Subscription?.CustomerId;
}

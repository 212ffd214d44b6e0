using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Evidence;

/// <summary>Every fact gathered for one dispute: what the policy decides from and the pack shows.</summary>
public sealed record EvidenceBundle
{
    public required Dispute Dispute { get; init; }
    public ChargeDetails? Charge { get; init; }
    public required DisputeMatch Match { get; init; }
    public DeliveryReport? Delivery { get; init; }
    /// <summary>The whole communication history, in time order.</summary>
    public required IReadOnlyList<SupportMessage> Communication { get; init; }
    public required PriorContactFinding PriorContact { get; init; }
    public PolicyAcceptance? PolicyAcceptance { get; init; }
    /// <summary>Logins and other account use after the purchase.</summary>
    public required IReadOnlyList<AccountActivity> ActivityAfterPurchase { get; init; }
    /// <summary>Earlier orders of the same customer that were never disputed.</summary>
    public required IReadOnlyList<Order> PriorUndisputedOrders { get; init; }
    public required IReadOnlyList<Refund> Refunds { get; init; }
    /// <summary>Visa Compelling Evidence 3.0: whether it applies, the payload when it qualifies, and why not otherwise.</summary>
    public required Ce3Assessment VisaCe3 { get; init; }

    public Order? Order => Match.Order;
    public Customer? Customer => Match.Customer;

    /// <summary>When the disputed purchase was made: the order, or the renewal charge.</summary>
    public DateTimeOffset? PurchasedAt => Match.Order?.CreatedAt ?? Match.Renewal?.At;

    public long RefundedAmount => Refunds.Sum(r => r.Amount);
}

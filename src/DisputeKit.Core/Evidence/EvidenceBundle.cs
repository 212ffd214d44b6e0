using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Evidence;

/// <summary>Every fact gathered for one dispute: what the policy decides from and the pack shows.</summary>
public sealed record EvidenceBundle
{
    public required Dispute Dispute { get; init; }
    public ChargeDetails? Charge { get; init; }
    public required DisputeMatch Match { get; init; }
    /// <summary>Every order the charge paid for, each with its own delivery report, oldest first.</summary>
    public IReadOnlyList<PurchasedOrder> Orders { get; init; } = [];
    /// <summary>The first order's delivery report (<see cref="Orders"/> holds every order's).</summary>
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

    /// <summary>Whether the charge paid for more than one order.</summary>
    public bool IsMultiOrder => Orders.Count > 1;

    /// <summary>
    /// The facts of one order of the purchase alone, as if the dispute were about it: its
    /// delivery, its refunds, and <paramref name="amount"/> as the disputed amount. How each order
    /// is judged before the verdicts are combined.
    /// </summary>
    public EvidenceBundle For(PurchasedOrder part, long amount)
    {
        ArgumentNullException.ThrowIfNull(part);
        return this with
        {
            Dispute = Dispute with { Amount = amount },
            Match = Match with { Orders = [part.Order] },
            Orders = [part],
            Delivery = part.Delivery,
            Refunds = [.. Refunds.Where(r => r.OrderId == part.Order.Id)],
        };
    }
}

/// <summary>One order a disputed charge paid for, and what its delivery log proves.</summary>
public sealed record PurchasedOrder(Order Order, DeliveryReport Delivery);

using DisputeKit.Core.Economics;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;

namespace DisputeKit.Core.Cases;

/// <summary>How what was gathered and decided is kept on the case, for every later reader (the review page, Radar, the commands).</summary>
public static class CaseFacts
{
    /// <summary>The order, customer, prior-contact finding, card and delivery, as gathered.</summary>
    public static DisputeCase WithFacts(this DisputeCase c, EvidenceBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(bundle);
        return c with
        {
            OrderId = bundle.Order?.Id ?? bundle.Match.Subscription?.Id,
            OrderIds = bundle.IsMultiOrder ? [.. bundle.Orders.Select(p => p.Order.Id)] : [],
            CustomerId = bundle.Match.CustomerId,
            CardFingerprint = bundle.Charge?.CardFingerprint,
            PriorContact = new CasePriorContact
            {
                ContactedAboutPurchase = bundle.PriorContact.ContactedAboutPurchase,
                ContactedAtAll = bundle.PriorContact.ContactedAtAll,
                LastContactAt = bundle.PriorContact.LastContactAt,
                Statement = bundle.PriorContact.Statement,
                MessageIds = [.. bundle.PriorContact.Proof.Select(m => m.Id)],
                UnreadSources = bundle.PriorContact.UnreadSources,
            },
            Delivery = bundle.Order is { } order && bundle.Delivery is { } delivery ? Delivery(order, delivery) : null,
        };
    }

    /// <summary>The verdict with its facts and rules, and the economics of fighting.</summary>
    public static DisputeCase WithVerdict(this DisputeCase c, Verdict verdict, CaseEconomics economics)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(verdict);
        return c with
        {
            Economics = economics,
            Verdict = new CaseVerdict
            {
                Kind = verdict.Kind.ToString().ToLowerInvariant(),
                AmountOwed = verdict.AmountOwed,
                Summary = verdict.Summary,
                Facts = verdict.Facts,
                Rules = [.. verdict.Rules.Select(r => $"{r.Section}: {r.Text}")],
            },
        };
    }

    /// <summary>The order and its delivery report as the case keeps them.</summary>
    public static CaseDelivery Delivery(Order order, DeliveryReport d)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(d);
        return new CaseDelivery
        {
            OrderId = order.Id,
            Service = order.Service.Name,
            Link = order.Link,
            Quantity = order.Quantity,
            Amount = order.Amount,
            Currency = order.Currency,
            Status = order.Status,
            OrderedAt = order.CreatedAt,
            Delivered = d.Delivered,
            StartCount = d.StartCount,
            CurrentCount = d.CurrentObservedCount,
            StartedAt = d.StartedAt,
            CompletedAt = d.CompletedAt,
            StartDelay = d.StartDelay,
            StartedWithinPromise = d.StartedWithinPromise,
            PromisedStartHours = d.PromisedStartHours,
            Drops = d.Drops.Count,
            UnrefilledWithinGuarantee = d.UnrefilledWithinGuarantee > 0 ? d.UnrefilledWithinGuarantee : null,
            GuaranteeEndsAt = d.GuaranteeEndsAt,
        };
    }
}

using System.Globalization;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Core.Submission;

/// <summary>
/// What answers each dispute reason: the facts that lead the cover letter, in the order a bank
/// reviewer needs them. Delivery proof answers "not received"; the delivery guarantee and
/// refills answer "unacceptable"; the renewal and cancellation timeline answers "subscription
/// canceled"; refunds answer "credit not processed"; distinct orders answer "duplicate";
/// identity continuity answers "fraudulent" and "unrecognized". "No contact before the
/// dispute" is argued only for consumer-dispute reasons, never against a genuine-fraud claim.
/// </summary>
public static class ReasonArguments
{
    /// <summary>The reason in words, as the letter names it.</summary>
    public static string Label(string reason) => reason switch
    {
        DisputeReason.ProductNotReceived => "service not received",
        DisputeReason.ProductUnacceptable => "service unacceptable",
        DisputeReason.SubscriptionCanceled => "subscription canceled",
        DisputeReason.CreditNotProcessed => "credit not processed",
        DisputeReason.Duplicate => "duplicate payment",
        DisputeReason.Fraudulent => "fraudulent",
        DisputeReason.Unrecognized => "unrecognized payment",
        _ => reason.Replace('_', ' '),
    };

    /// <summary>True for consumer-dispute reasons, where the missing support contact is itself evidence.</summary>
    public static bool ArguesNoContact(string reason) =>
        DisputeReason.PolicyReasons.Contains(reason) && !DisputeReason.IsIdentityClaim(reason);

    /// <summary>The paragraphs that answer the reason, strongest first.</summary>
    public static IReadOnlyList<string> Answer(EvidenceBundle bundle, RefundPolicy policy)
    {
        var paragraphs = bundle.Dispute.Reason switch
        {
            DisputeReason.ProductNotReceived => [Delivery(bundle, "Proof of delivery")],
            DisputeReason.ProductUnacceptable => [Guarantee(bundle, policy), Drops(bundle, policy)],
            DisputeReason.SubscriptionCanceled => [Timeline(bundle), Delivery(bundle, "Service provided")],
            DisputeReason.CreditNotProcessed => [Credits(bundle, policy), Delivery(bundle, "Service provided")],
            DisputeReason.Duplicate => [Distinct(bundle), Delivery(bundle, "Service provided")],
            DisputeReason.Fraudulent or DisputeReason.Unrecognized => [Identity(bundle), Delivery(bundle, "Use of the service")],
            _ => new[] { Delivery(bundle, "Proof of delivery"), Identity(bundle) },
        };
        return [.. paragraphs.Where(p => p is { Length: > 0 })!];
    }

    /// <summary>What was delivered, when, and what the target's count did.</summary>
    public static string Delivery(EvidenceBundle bundle, string heading)
    {
        if (bundle.IsMultiOrder)
        {
            // One payment, several orders: each order's delivery, in turn.
            return string.Join(" ", bundle.Orders.Select(p => Delivery(bundle.For(p, p.Order.Amount), heading)));
        }

        if (bundle.Order is not { } order || bundle.Delivery is not { } delivery)
        {
            return bundle.Match is { Subscription: { } sub, Renewal: { } renewal }
                ? $"{heading}: subscription {sub.Id} ({sub.Service?.Name ?? "automatic service"}) — this renewal, charged {Formats.Stamp(renewal.At)}, paid for the "
                  + $"{sub.Interval ?? "billing"} period that followed, and the automatic service ran for it; {sub.Renewals.Count} renewal{(sub.Renewals.Count == 1 ? string.Empty : "s")} "
                  + $"have been charged since {Formats.Day(sub.CreatedAt ?? sub.Renewals.Min(r => r.At))}."
                : string.Empty;
        }

        if (order.Service.Kind == ServiceKind.Account)
        {
            return $"{heading}: order {order.Id}, {order.Service.Name}: {delivery.Delivered} of {delivery.Ordered} account delivered"
                + (delivery.AccountSentAt is { } sent ? $"; the login details were sent on {Formats.Stamp(sent)}" : string.Empty)
                + (delivery.AccountLoginAt is { } login ? $", and the customer logged in to the account on {Formats.Stamp(login)}, which proves it worked." : ".");
        }

        var text = $"{heading}: order {order.Id}, {order.Service.Name}: {delivery.Delivered} of {delivery.Ordered} units delivered to the profile or post the customer supplied";
        if (delivery.StartedAt is { } started)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; delivery started {Formats.Stamp(started)}, {delivery.StartDelay!.Value.TotalHours:0.#} hours after the order")
                + (delivery.PromisedStartHours is { } promised ? string.Create(CultureInfo.InvariantCulture, $" (promised within {promised:0.#} hours)") : string.Empty);
        }

        if (delivery.CompletedAt is { } completed)
        {
            text += $", and was completed {Formats.Stamp(completed)}";
        }

        text += ".";
        if (delivery.StartCount is { } start && delivery.CurrentObservedCount is { } current)
        {
            text += $" The count on the target was {start} when delivery started and {current} at the last check.";
        }

        return text;
    }

    private static string Guarantee(EvidenceBundle bundle, RefundPolicy policy)
    {
        var delivery = Delivery(bundle, "Delivery made");
        var rule = policy.Rule(RuleKeys.DeliveryOnly);
        return $"The seller guarantees delivery, and delivery was made. {delivery} {rule.Section}: {rule.Text}";
    }

    private static string Drops(EvidenceBundle bundle, RefundPolicy policy)
    {
        if (bundle.IsMultiOrder)
        {
            return string.Join(" ", bundle.Orders.Select(p => Drops(bundle.For(p, p.Order.Amount), policy)).Select((text, i) => text.Length == 0 ? text : $"Order {bundle.Orders[i].Order.Id}: {text}").Where(t => t.Length > 0));
        }

        if (bundle.Delivery is not { } delivery || bundle.Order is null)
        {
            return string.Empty;
        }

        if (delivery.Drops.Count == 0)
        {
            return policy.DropGuaranteeDays is { } days
                ? $"No drop was recorded; every order carries a {days:0}-day drop guarantee under which dropped units are refilled."
                : string.Empty;
        }

        var refilled = delivery.Drops.Where(d => d.RefilledAt is not null).ToList();
        var text = $"{delivery.Drops.Count} drop{(delivery.Drops.Count == 1 ? " was" : "s were")} recorded ({string.Join(", ", delivery.Drops.Select(d => $"{d.Lost} on {Formats.Day(d.At)}"))})";
        text += refilled.Count > 0
            ? $"; {refilled.Count} refilled under the guarantee ({string.Join(", ", refilled.Select(d => Formats.Day(d.RefilledAt!.Value)))})."
            : ".";
        return policy.DropGuaranteeDays is { } guarantee ? $"{text} The policy's {guarantee:0}-day drop guarantee covers drops by refilling them." : text;
    }

    private static string Timeline(EvidenceBundle bundle)
    {
        if (bundle.Match is not { Subscription: { } sub, Renewal: { } renewal })
        {
            return bundle.Order is { } order
                ? $"Order {order.Id} was a single purchase on {Formats.Day(order.CreatedAt)}, not a subscription: there was nothing to cancel."
                : string.Empty;
        }

        var renewals = sub.Renewals.OrderBy(r => r.At).ToList();
        var shown = renewals.Count <= 6 ? renewals : renewals[^6..];
        var cancel = sub.CanceledAt is { } at
            ? (at < renewal.At ? $"The subscription was cancelled on {Formats.Day(at)}." : $"The subscription was cancelled on {Formats.Day(at)}, after the disputed renewal.")
            : "The customer had not cancelled the subscription before the disputed renewal.";
        var requests = bundle.Communication.Where(m => m.IsInbound && m.At >= renewal.At && m.At < bundle.Dispute.Created).ToList();
        var asked = requests.Count == 0
            ? " No message from the customer reached support between the renewal and the dispute."
            : $" The customer wrote to support {requests.Count} time{(requests.Count == 1 ? string.Empty : "s")} between the renewal and the dispute (first on {Formats.Day(requests[0].At)}).";
        return $"Renewal and cancellation timeline of subscription {sub.Id}: started {Formats.Day(sub.CreatedAt ?? renewals[0].At)}; "
            + $"renewals charged on {(renewals.Count > shown.Count ? "… " : string.Empty)}{string.Join(", ", shown.Select(r => Formats.Day(r.At)))}; "
            + $"the disputed renewal was charged {Formats.Stamp(renewal.At)} for {Formats.Amount(renewal.Amount, renewal.Currency)}. {cancel}{asked}";
    }

    private static string Credits(EvidenceBundle bundle, RefundPolicy policy)
    {
        var d = bundle.Dispute;
        var rule = policy.Rule(RuleKeys.FullRefund);
        if (bundle.Refunds.Count > 0)
        {
            var list = string.Join(", ", bundle.Refunds.Select(r => $"{Formats.Amount(r.Amount, r.Currency)} on {Formats.Day(r.At)}" + (r.StripeRefundId is { } id ? $" ({id})" : string.Empty)));
            return bundle.RefundedAmount >= d.Amount
                ? $"The credit was processed: the customer was refunded {list}, the full disputed amount, before this dispute was decided."
                : $"Refunds already made: {list}. The rest of the payment is not owed under the refund policy. {rule.Section}: {rule.Text}";
        }

        return $"No refund was promised and none is owed under the refund policy; the customer did not receive a refund confirmation for this payment. {rule.Section}: {rule.Text}";
    }

    /// <summary>Why the disputed payment is not a duplicate: its own order, and the customer's other orders near it.</summary>
    public static string Distinct(EvidenceBundle bundle)
    {
        if (bundle.Order is not { } order)
        {
            return string.Empty;
        }

        var others = bundle.PriorUndisputedOrders
            .Where(o => Math.Abs((o.CreatedAt - order.CreatedAt).TotalDays) <= 30)
            .OrderByDescending(o => o.CreatedAt).Take(5).ToList();
        var text = $"The disputed payment is not a duplicate: it paid for order {order.Id} ({order.Service.Name}, {order.Quantity} units, {Formats.Amount(order.Amount, order.Currency)}, placed {Formats.Stamp(order.CreatedAt)}), delivered as its own order.";
        return others.Count == 0
            ? text + " No other payment from this customer was made for the same order."
            : text + " The customer's other payments in the same month paid for distinct orders: "
                + string.Join("; ", others.Select(o => $"order {o.Id} ({o.Service.Name}, {o.Quantity} units, {Formats.Amount(o.Amount, o.Currency)}, {Formats.Stamp(o.CreatedAt)})")) + ".";
    }

    /// <summary>Identity continuity: the account, its earlier undisputed orders, shared IP and device, use after purchase.</summary>
    public static string Identity(EvidenceBundle bundle)
    {
        if (bundle.Customer is not { } customer)
        {
            return string.Empty;
        }

        var purchased = bundle.PurchasedAt ?? bundle.Dispute.Created;
        var prior = bundle.PriorUndisputedOrders;
        var parts = new List<string>
        {
            $"The purchase was made from the customer's own shop account {customer.Id}, opened on {Formats.Day(customer.CreatedAt)}, {Math.Max(0, (purchased - customer.CreatedAt).TotalDays):0} days before this purchase",
        };
        parts[0] += prior.Count == 0
            ? "."
            : $", with {prior.Count} earlier undisputed order{(prior.Count == 1 ? string.Empty : "s")} (from {Formats.Day(prior.Min(o => o.CreatedAt))} to {Formats.Day(prior.Max(o => o.CreatedAt))}).";

        if (bundle.Order?.Payment is { } payment)
        {
            var sameIp = payment.PurchaseIp is { } ip ? prior.Where(o => o.Payment?.PurchaseIp == ip).Select(o => o.Id).ToList() : [];
            var sameDevice = payment.DeviceFingerprint is { } fp ? prior.Where(o => o.Payment?.DeviceFingerprint == fp).Select(o => o.Id).ToList() : [];
            if (payment.PurchaseIp is not null || payment.DeviceFingerprint is not null)
            {
                parts.Add("The order was placed from "
                    + string.Join(" and ", new[] { payment.PurchaseIp is { } i ? $"IP address {i}" : null, payment.DeviceFingerprint is { } f ? $"device {f}" : null }.OfType<string>())
                    + (sameIp.Count + sameDevice.Count == 0
                        ? "."
                        : "; the same " + string.Join(" and ", new[]
                        {
                            sameIp.Count > 0 ? $"IP address was used for earlier undisputed orders {string.Join(", ", sameIp.Take(5))}" : null,
                            sameDevice.Count > 0 ? $"device was used for orders {string.Join(", ", sameDevice.Take(5))}" : null,
                        }.OfType<string>()) + "."));
            }
        }

        if (bundle.PolicyAcceptance is { } acceptance)
        {
            parts.Add($"The refund policy was accepted at checkout on {Formats.Stamp(acceptance.AcceptedAt)}" + (acceptance.Ip is { } aip ? $" from IP address {aip}." : "."));
        }

        var logins = bundle.ActivityAfterPurchase.Where(a => a.Type == "login").ToList();
        if (logins.Count > 0)
        {
            var last = logins[^1];
            parts.Add($"After the purchase the account holder logged in {logins.Count} time{(logins.Count == 1 ? string.Empty : "s")}, the last on {Formats.Stamp(last.At)}"
                + (last.Ip is { } lip ? $" from IP address {lip}." : "."));
        }

        if (bundle.VisaCe3.Qualifies)
        {
            parts.Add(bundle.VisaCe3.Summary);
        }

        return string.Join(" ", parts);
    }


}

using System.Globalization;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Submission;

namespace DisputeKit.Core.Rendering;

/// <summary>Builds the pack model of a case from its facts, verdict and policy.</summary>
public static class PackModelBuilder
{
    public static PackModel Build(
        EvidenceBundle bundle, Verdict verdict, RefundPolicy policy, Branding branding, DateTimeOffset generatedAt)
    {
        var d = bundle.Dispute;
        var order = bundle.Order;
        var delivery = bundle.Delivery;
        var letter = EvidenceComposer.CoverLetter(bundle, verdict, policy);
        var customer = bundle.Customer;
        var locale = bundle.PolicyAcceptance?.Locale ?? customer?.Locale;

        var summary = new List<LabelValue>
        {
            new("Dispute", d.Id),
            new("Amount", PolicyEngine.Money(d.Amount, d.Currency)),
            new("Reason", d.Reason + (d.NetworkReasonCode is { } code ? $" (network code {code})" : string.Empty)),
            new("Respond by", d.DueBy is { } due ? Stamp(due) : "no response allowed"),
            new("Order number", order?.Id ?? bundle.Match.Subscription?.Id ?? "not found"),
            new("Customer", customer is null ? "unknown" : $"{customer.Name ?? customer.Id} (account {customer.Id})"),
            new("Delivered", delivery is null ? "n/a" : $"{delivery.Delivered} of {delivery.Ordered}"),
            new("Prior contact", bundle.PriorContact.ContactedAboutPurchase
                ? "Customer contacted support about this purchase before the dispute"
                : "No contact with support about this purchase before the dispute"),
            new("Charge", d.ChargeId),
        };

        var identity = new List<LabelValue>();
        if (customer is not null)
        {
            identity.Add(new("Account", customer.Id));
            identity.Add(new("Email", customer.Email));
            identity.Add(new("Account created", Stamp(customer.CreatedAt)));
            if (bundle.PurchasedAt is { } purchased)
            {
                identity.Add(new("Account age at purchase", $"{(int)(purchased - customer.CreatedAt).TotalDays} days"));
            }
        }

        if (order?.Payment is { } payment)
        {
            identity.Add(new("Purchase IP", payment.PurchaseIp ?? "not captured"));
            identity.Add(new("Device fingerprint", payment.DeviceFingerprint ?? "not captured"));
        }

        if (bundle.PolicyAcceptance is { } acceptance)
        {
            identity.Add(new("Policy accepted", $"{acceptance.Policy} version {acceptance.Version} ({acceptance.Locale}) on {Stamp(acceptance.AcceptedAt)} from {acceptance.Ip ?? "unknown IP"}"));
        }

        var service = new List<LabelValue>();
        if (order is not null && delivery is not null)
        {
            service.Add(new("Service", order.Service.Name));
            service.Add(new("Kind", order.Service.Kind + (order.Service.Platform is { } p ? $" on {p}" : string.Empty)));
            service.Add(new("Target supplied by the customer", order.Link ?? "not recorded"));
            service.Add(new("Ordered", $"{order.Quantity} on {Stamp(order.CreatedAt)}"));
            service.Add(new("Delivered quantity", $"{delivery.Delivered} of {delivery.Ordered}"));
            service.Add(new("Start", delivery.StartedAt is { } s
                ? string.Create(CultureInfo.InvariantCulture, $"{Stamp(s)} ({delivery.StartDelay!.Value.TotalHours:0.#} h after order; promised within {delivery.PromisedStartHours?.ToString("0.#", CultureInfo.InvariantCulture) ?? "?"} h)")
                : "not started"));
            service.Add(new("Completed", delivery.CompletedAt is { } c ? Stamp(c) : "not completed"));
            service.Add(new("Count before delivery", delivery.StartCount?.ToString(CultureInfo.InvariantCulture) ?? "not recorded"));
            service.Add(new("Count at last check", delivery.CurrentObservedCount?.ToString(CultureInfo.InvariantCulture) ?? "not recorded"));
            if (delivery.GuaranteeEndsAt is { } g)
            {
                service.Add(new("Drop guarantee until", Stamp(g)));
            }
        }
        else if (bundle.Match.Subscription is { } sub)
        {
            service.Add(new("Subscription", $"{sub.Id} ({sub.Service?.Name ?? "automatic service"}, {sub.Interval ?? "recurring"})"));
            service.Add(new("Renewals", string.Join(", ", sub.Renewals.Select(r => Stamp(r.At)))));
        }

        return new PackModel
        {
            Title = $"Dispute {d.Id} — evidence",
            Merchant = branding,
            GeneratedAt = Stamp(generatedAt),
            DisputeId = d.Id,
            CoverTitle = letter.Title,
            CoverParagraphs = letter.Paragraphs,
            Summary = summary,
            Identity = identity,
            Service = service,
            Timeline = [.. (delivery?.Events ?? []).Select(e => new TimelineRow(
                Stamp(e.At), e.Type.Replace('_', ' '), e.Delivered?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                e.ObservedCount?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, e.Note ?? string.Empty))],
            PriorContactStatement = bundle.PriorContact.Statement,
            Messages = [.. bundle.Communication.Select(m => new MessageRow(
                Stamp(m.At), m.Channel.Replace('_', ' '), m.IsInbound ? "from customer" : $"from support{(m.Agent is { } a ? $" ({a})" : string.Empty)}",
                m.Subject ?? string.Empty, m.Body))],
            PriorOrders = [.. bundle.PriorUndisputedOrders.Select(o => new OrderRow(
                o.Id, Stamp(o.CreatedAt), o.Service.Name, PolicyEngine.Money(o.Amount, o.Currency), o.Status))],
            Policy = [.. verdict.Rules.Select(r => policy.PublishedText(locale, r.Key) is { } published
                ? new PolicyRow(r.Section, r.Text, published, locale)
                : new PolicyRow(r.Section, r.Text, null, null))],
            VerdictFacts = verdict.Facts,
        };
    }

    private static string Stamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

using System.Globalization;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Submission;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Core.Rendering;

/// <summary>Builds the pack model of a case from its facts, verdict and policy.</summary>
public static class PackModelBuilder
{
    /// <param name="letter">The cover letter, when already written for the case; else it is written here.</param>
    public static PackModel Build(
        EvidenceBundle bundle, Verdict verdict, RefundPolicy policy, Branding branding, DateTimeOffset generatedAt, PackTrim? trim = null, CoverLetter? letter = null)
    {
        trim ??= PackTrim.None;
        var d = bundle.Dispute;
        var order = bundle.Order;
        letter ??= EvidenceComposer.CoverLetter(bundle, verdict, policy);
        var customer = bundle.Customer;
        var locale = bundle.PolicyAcceptance?.Locale ?? customer?.Locale;

        var summary = new List<LabelValue>
        {
            new("Dispute", d.Id),
            new("Amount", Formats.Amount(d.Amount, d.Currency)),
            new("Reason", d.Reason + (d.NetworkReasonCode is { } code ? $" (network code {code})" : string.Empty)),
            new("Respond by", d.DueBy is { } due ? Formats.Stamp(due) : "no response allowed"),
            new(bundle.IsMultiOrder ? "Order numbers" : "Order number", bundle.IsMultiOrder ? string.Join(", ", bundle.Orders.Select(p => p.Order.Id)) : order?.Id ?? bundle.Match.Subscription?.Id ?? "not found"),
            new("Customer", customer is null ? "unknown" : $"{customer.Name ?? customer.Id} (account {customer.Id})"),
            new("Delivered", bundle.Orders.Count == 0 ? "n/a" : string.Join("; ", bundle.Orders.Select(p => (bundle.IsMultiOrder ? $"{p.Order.Id}: " : string.Empty) + $"{p.Delivery.Delivered} of {p.Delivery.Ordered}"))),
            new("Prior contact", bundle.PriorContact.ContactedAboutPurchase
                ? "Customer contacted support about this purchase before the dispute"
                : "No contact with support about this purchase before the dispute"),
            new("Charge", d.ChargeId),
        };
        if (bundle.VisaCe3.Applies)
        {
            summary.Add(new("Visa CE 3.0", bundle.VisaCe3.Summary));
        }

        var identity = new List<LabelValue>();
        if (customer is not null)
        {
            identity.Add(new("Account", customer.Id));
            identity.Add(new("Email", customer.Email));
            identity.Add(new("Account created", Formats.Stamp(customer.CreatedAt)));
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
            identity.Add(new("Policy accepted", $"{acceptance.Policy} version {acceptance.Version} ({acceptance.Locale}) on {Formats.Stamp(acceptance.AcceptedAt)} from {acceptance.Ip ?? "unknown IP"}"));
        }

        var deliveries = new List<DeliverySection>();
        foreach (var part in bundle.Orders)
        {
            var heading = bundle.IsMultiOrder ? $"Order {part.Order.Id} — {part.Order.Service.Name}, {Formats.Amount(part.Order.Amount, part.Order.Currency)}" : string.Empty;
            deliveries.Add(Section(part, heading, trim, withChart: deliveries.Count < Math.Max(1, trim.OrderCharts)));
        }

        if (bundle.Orders.Count == 0 && bundle.Match.Subscription is { } sub)
        {
            deliveries.Add(new DeliverySection
            {
                Service =
                [
                    new("Subscription", $"{sub.Id} ({sub.Service?.Name ?? "automatic service"}, {sub.Interval ?? "recurring"})"),
                    new("Renewals", string.Join(", ", sub.Renewals.Select(r => Formats.Stamp(r.At)))),
                ],
            });
        }

        var (messages, messagesNote) = Messages(bundle.Communication, trim);
        var (priorOrders, priorNote) = Limit(
            [.. bundle.PriorUndisputedOrders.OrderByDescending(o => o.CreatedAt)], trim.PriorOrders,
            (n, left) => $"{n} older undisputed orders (from {Formats.Day(left.Min(o => o.CreatedAt))} to {Formats.Day(left.Max(o => o.CreatedAt))}) are left out to keep the pack within its page budget; {bundle.PriorUndisputedOrders.Count} in all.");
        var (activity, activityNote) = Limit(
            bundle.ActivityAfterPurchase, trim.ActivityRows,
            (n, left) => $"{n} later entries (to {Formats.Stamp(left.Max(a => a.At))}) are left out to keep the pack within its page budget; {bundle.ActivityAfterPurchase.Count} in all.");

        var exhibits = new List<ExhibitRow>
        {
            new("A", "Transaction and customer identity", "The purchase was made from the customer's own account, and the refund policy was accepted at checkout."),
            new("B", "Service and delivery report", "What was delivered and when, against what was ordered and promised, and what the target's count showed."),
            new("C", "Communication history", bundle.PriorContact.ContactedAboutPurchase
                ? "Every message between the customer and support, in order, and how support answered."
                : "That the customer did not write to support about this purchase before disputing it."),
            new("D", "Prior undisputed orders", "Earlier purchases by the same account, paid and never disputed."),
            new("E", "Refund policy", "The rules this case relies on, in English and as published in the customer's language."),
        };
        if (activity.Count > 0)
        {
            exhibits.Add(new("F", "Account activity after the purchase", "The account holder kept using the account and the service after paying."));
        }

        return new PackModel
        {
            Title = $"Dispute {d.Id} — evidence",
            Subject = $"Evidence for dispute {d.Id} ({d.Reason.Replace('_', ' ')}) — {EvidenceComposer.Reference(bundle)}",
            Merchant = branding,
            GeneratedAt = Formats.Stamp(generatedAt),
            Created = generatedAt,
            DisputeId = d.Id,
            CoverTitle = letter.Title,
            CoverParagraphs = letter.Paragraphs,
            Summary = summary,
            Identity = identity,
            Deliveries = deliveries,
            PriorContactStatement = bundle.PriorContact.Statement,
            Messages = messages,
            MessagesNote = messagesNote,
            PriorOrders = [.. priorOrders.Select(o => new OrderRow(
                o.Id, Formats.Stamp(o.CreatedAt), o.Service.Name, Formats.Amount(o.Amount, o.Currency), o.Status))],
            PriorOrdersNote = priorNote,
            Policy = [.. verdict.Rules.Select(r => policy.PublishedText(locale, r.Key) is { } published
                ? new PolicyRow(r.Section, r.Text, published, locale)
                : new PolicyRow(r.Section, r.Text, null, null))],
            VerdictFacts = verdict.Facts,
            Activity = [.. activity.Select(a => new ActivityRow(Formats.Stamp(a.At), a.Type.Replace('_', ' '), a.Ip ?? string.Empty, a.DeviceFingerprint ?? string.Empty))],
            ActivityNote = activityNote,
            Exhibits = exhibits,
            PolicyTitle = $"{policy.Name}, version {policy.Version}",
            PolicyAccepted = bundle.PolicyAcceptance is { } accepted
                ? $"The customer accepted {accepted.Policy} version {accepted.Version} at checkout on {Formats.Stamp(accepted.AcceptedAt)} from IP address {accepted.Ip ?? "unknown"}, shown in language '{accepted.Locale}'."
                : "No record of the customer accepting the policy was found for this purchase.",
            PolicyText = [.. policy.Rules.Values.Select(r => new PolicyRow(r.Section, r.Text, policy.PublishedText(locale, r.Key), policy.PublishedText(locale, r.Key) is null ? null : locale))],
            PolicyLanguageNote = locale is not null && locale != "en" && !policy.Published.ContainsKey(locale)
                ? $"The policy is not published in the customer's language ('{locale}'); its rules are shown in English."
                : string.Empty,
        };
    }

    /// <summary>One order's delivery section: its service facts, chart and log.</summary>
    private static DeliverySection Section(PurchasedOrder part, string heading, PackTrim trim, bool withChart)
    {
        var (order, delivery) = (part.Order, part.Delivery);
        var service = new List<LabelValue>
        {
            new("Service", order.Service.Name),
            new("Kind", order.Service.Kind + (order.Service.Platform is { } p ? $" on {p}" : string.Empty)),
            new("Target supplied by the customer", order.Link ?? "not recorded"),
            new("Ordered", $"{order.Quantity} on {Formats.Stamp(order.CreatedAt)}"),
            new("Delivered quantity", $"{delivery.Delivered} of {delivery.Ordered}"),
            new("Start", delivery.StartedAt is { } s
                ? string.Create(CultureInfo.InvariantCulture, $"{Formats.Stamp(s)} ({delivery.StartDelay!.Value.TotalHours:0.#} h after order; promised within {delivery.PromisedStartHours?.ToString("0.#", CultureInfo.InvariantCulture) ?? "?"} h)")
                : "not started"),
            new("Completed", delivery.CompletedAt is { } c ? Formats.Stamp(c) : "not completed"),
            new("Count before delivery", delivery.StartCount?.ToString(CultureInfo.InvariantCulture) ?? "not recorded"),
            new("Count at last check", delivery.CurrentObservedCount?.ToString(CultureInfo.InvariantCulture) ?? "not recorded"),
        };
        if (delivery.LowestObservedCount is { } lowest && delivery.StartCount is { } start && lowest < start)
        {
            service.Add(new("Lowest count observed", $"{lowest.ToString(CultureInfo.InvariantCulture)} (below the count before delivery)"));
        }

        if (delivery.GuaranteeEndsAt is { } g)
        {
            service.Add(new("Drop guarantee until", Formats.Stamp(g)));
        }

        var (timeline, note) = Timeline(delivery.Events, trim);
        if (!withChart)
        {
            note = string.Join(" ", new[] { "This order's delivery chart is left out to keep the pack within its page budget; its log below shows the same counts.", note }.Where(n => n.Length > 0));
        }

        return new DeliverySection
        {
            Heading = heading,
            Service = service,
            Timeline = [.. timeline.Select(e => new TimelineRow(
                Formats.Stamp(e.At), e.Type.Replace('_', ' '), e.Delivered?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                e.ObservedCount?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, e.Note ?? string.Empty))],
            TimelineNote = note,
            ChartSvg = withChart ? DeliveryChart.Svg(delivery) : null,
        };
    }

    /// <summary>The delivery log's rows; over the cap, routine progress rows go first (the chart still draws them).</summary>
    private static (IReadOnlyList<DeliveryEvent> Rows, string Note) Timeline(IReadOnlyList<DeliveryEvent> events, PackTrim trim)
    {
        if (events.Count <= trim.TimelineRows)
        {
            return (events, string.Empty);
        }

        var milestones = events.Where(e => e.Type is not (DeliveryEventType.Progress or DeliveryEventType.CountSnapshot)).ToList();
        if (milestones.Count > trim.TimelineRows)
        {
            var head = trim.TimelineRows / 2;
            milestones = [.. milestones.Take(head), .. milestones.TakeLast(trim.TimelineRows - head)];
        }

        var left = events.Count - milestones.Count;
        return (milestones, $"{left} of the {events.Count} log entries (routine progress and count checks first) are left out of this table to keep the pack within its page budget; the chart above draws every one of them.");
    }

    /// <summary>The messages in order; over the cap, the first few and the latest are kept, long bodies are shortened, and the note says what was left out.</summary>
    private static (IReadOnlyList<MessageRow> Rows, string Note) Messages(IReadOnlyList<SupportMessage> all, PackTrim trim)
    {
        var kept = all;
        var notes = new List<string>();
        if (all.Count > trim.Messages)
        {
            var head = Math.Max(1, trim.Messages / 5);
            var tail = trim.Messages - head;
            var omitted = all.Skip(head).Take(all.Count - head - tail).ToList();
            kept = [.. all.Take(head), .. all.TakeLast(tail)];
            notes.Add($"{omitted.Count} of {all.Count} messages, from {Formats.Stamp(omitted[0].At)} to {Formats.Stamp(omitted[^1].At)}, are left out to keep the pack within its page budget; the first {head} and the latest {tail} are shown.");
        }

        var shortened = 0;
        var rows = kept.Select(m =>
        {
            var body = m.Body;
            if (body.Length > trim.MessageChars)
            {
                shortened++;
                body = string.Concat(body.AsSpan(0, trim.MessageChars), $" [… {body.Length - trim.MessageChars} more characters left out]");
            }

            return new MessageRow(
                Formats.Stamp(m.At), m.Channel.Replace('_', ' '), m.IsInbound ? "from customer" : $"from support{(m.Agent is { } a ? $" ({a})" : string.Empty)}",
                m.Subject ?? string.Empty, body, m.Source is null ? string.Empty : Evidence.PriorContactCheck.Cite(m));
        }).ToList();
        if (shortened > 0)
        {
            notes.Add($"{shortened} long message{(shortened == 1 ? " is" : "s are")} shortened to {trim.MessageChars} characters; the full text stays in the seller's records.");
        }

        return (rows, string.Join(" ", notes));
    }

    private static (IReadOnlyList<T> Rows, string Note) Limit<T>(IReadOnlyList<T> all, int cap, Func<int, IReadOnlyList<T>, string> note) =>
        all.Count <= cap ? (all, string.Empty) : ([.. all.Take(cap)], note(all.Count - cap, [.. all.Skip(cap)]));


}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Core.Submission;

/// <summary>
/// Writes Stripe's evidence text fields and the cover letter from the facts: English,
/// plain and factual, no links, each field within its limit.
/// </summary>
public static partial class EvidenceComposer
{
    /// <summary>
    /// The one-page letter that opens the pack: what is answered, the verdict in a sentence,
    /// the facts that answer this reason (<see cref="ReasonArguments"/>), the missing support
    /// contact for consumer-dispute reasons only, the policy acceptance and the rules relied on.
    /// </summary>
    public static CoverLetter CoverLetter(EvidenceBundle bundle, Verdict verdict, RefundPolicy policy)
    {
        var d = bundle.Dispute;
        var paragraphs = new List<string>
        {
            $"We respond to dispute {d.Id} ({ReasonArguments.Label(d.Reason)}) over {Formats.Amount(d.Amount, d.Currency)} for {Reference(bundle)}.",
        };

        // An identity claim is answered by who made the purchase before anything else; the
        // other reasons open with the verdict and then the facts behind it.
        if (DisputeReason.IsIdentityClaim(d.Reason))
        {
            paragraphs.AddRange(ReasonArguments.Answer(bundle, policy));
            paragraphs.Add(verdict.Summary);
        }
        else
        {
            paragraphs.Add(verdict.Summary);
            paragraphs.AddRange(ReasonArguments.Answer(bundle, policy));
        }

        if (ReasonArguments.ArguesNoContact(d.Reason))
        {
            var rule = policy.Rule(RuleKeys.ContactFirst);
            paragraphs.Add($"{bundle.PriorContact.Statement} {rule.Section}: {rule.Text}");
        }

        if (bundle.PolicyAcceptance is { } acceptance && !DisputeReason.IsIdentityClaim(d.Reason))
        {
            paragraphs.Add($"The customer accepted {policy.Name} (version {acceptance.Version}) at checkout on {Formats.Day(acceptance.AcceptedAt)}"
                + (acceptance.Ip is { } ip ? $" from IP address {ip}" : string.Empty) + ".");
        }

        paragraphs.Add("Policy rules relied on: " + string.Join(" ", verdict.Rules.Select(r => r.ToString())));
        return new CoverLetter($"Response to dispute {d.Id}", [.. paragraphs.Select(RemoveLinks)]);
    }

    /// <summary>How the letter names the purchase: the order number, or the subscription and its renewal.</summary>
    public static string Reference(EvidenceBundle bundle) =>
        bundle.IsMultiOrder ? $"orders {string.Join(", ", bundle.Orders.Select(p => p.Order.Id))} (one payment)"
        : bundle.Order is { } order ? $"order {order.Id}"
        : bundle.Match is { Subscription: { } s, Renewal: { } r } ? $"subscription {s.Id} (renewal of {Formats.Day(r.At)})"
        : "the disputed payment";

    /// <param name="files">Uploaded files by the evidence field that carries them (<see cref="Cases.DisputeCase.EvidenceFiles"/>).</param>
    /// <param name="letter">The cover letter, when already written for the case (the pack's); else it is written here.</param>
    public static EvidenceUpdate Compose(
        EvidenceBundle bundle, Verdict verdict, RefundPolicy policy, IReadOnlyDictionary<string, string> files, CoverLetter? letter = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var d = bundle.Dispute;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = bundle.Order;
        var customer = bundle.Customer;

        if (customer?.Name is { Length: > 0 } name)
        {
            fields["customer_name"] = name;
        }

        if ((customer?.Email ?? bundle.Charge?.BillingEmail) is { Length: > 0 } email)
        {
            fields["customer_email_address"] = email;
        }

        if (order?.Payment?.PurchaseIp is { Length: > 0 } purchaseIp)
        {
            fields["customer_purchase_ip"] = purchaseIp;
        }

        if (bundle.PurchasedAt is { } purchased)
        {
            fields["service_date"] = Formats.Day(purchased);
        }

        fields["product_description"] = ProductDescription(bundle);
        if (bundle.PolicyAcceptance is { } acceptance)
        {
            fields["refund_policy_disclosure"] =
                $"At checkout the customer accepted {policy.Name}, version {acceptance.Version} (shown in language '{acceptance.Locale}'), on {Formats.Stamp(acceptance.AcceptedAt)}"
                + (acceptance.Ip is { } ip ? $" from IP address {ip}" : string.Empty) + ". "
                + string.Join(" ", new[] { RuleKeys.ContactFirst, RuleKeys.FullRefund, RuleKeys.DeliveryOnly, RuleKeys.Chargebacks }
                    .Where(policy.Has).Select(k => policy.Rule(k).ToString()));
        }

        fields["refund_refusal_explanation"] = $"Regarding {Reference(bundle)}: " + verdict.Summary + " " + string.Join(" ", verdict.Facts)
            + " Rules: " + string.Join(" ", verdict.Rules.Select(r => r.ToString()));

        if (d.Reason == DisputeReason.SubscriptionCanceled && bundle.Match.Subscription is { } sub)
        {
            fields["cancellation_rebuttal"] = $"Subscription {sub.Id} ({sub.Interval ?? "recurring"}) was "
                + (sub.CanceledAt is { } ca ? $"cancelled on {Formats.Day(ca)}" : "not cancelled by the customer before the charge")
                + ". " + string.Join(" ", verdict.Facts) + " " + policy.Rule(RuleKeys.RecurringPayments).Text;
        }

        if (d.Reason == DisputeReason.Duplicate && order is not null)
        {
            fields["duplicate_charge_explanation"] = ReasonArguments.Distinct(bundle);
        }

        var log = AccessActivityLog(bundle, EvidenceLimits.LongText);
        if (log.Length > 0)
        {
            fields["access_activity_log"] = log;
        }

        // The cover letter itself, so the bank reads the argument even where the pack is not opened.
        fields["uncategorized_text"] = string.Join("\n\n", (letter ?? CoverLetter(bundle, verdict, policy)).Paragraphs);
        foreach (var (field, fileId) in files)
        {
            fields[field] = fileId;
        }

        return new EvidenceUpdate
        {
            Fields = Fit(fields.ToDictionary(kv => kv.Key, kv => RemoveLinks(WithoutControls(kv.Value)), StringComparer.Ordinal)),
            ControlsRemoved = [.. fields.Where(kv => HasControls(kv.Value)).Select(kv => kv.Key).Order(StringComparer.Ordinal)],
            VisaCompellingEvidence3 = bundle.VisaCe3.Payload,
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["disputekit_verdict"] = verdict.Kind.ToString().ToLowerInvariant(),
                // Every order of the purchase, comma-separated: the matcher reads the same list back.
                ["order_id"] = bundle.IsMultiOrder ? string.Join(",", bundle.Orders.Select(p => p.Order.Id)) : order?.Id ?? bundle.Match.Subscription?.Id ?? string.Empty,
            },
        };
    }

    /// <summary>Logins and use of the service after purchase, one line each, newest last, within <paramref name="limit"/> characters.</summary>
    public static string AccessActivityLog(EvidenceBundle bundle, int limit)
    {
        var lines = new List<string>();
        foreach (var a in bundle.ActivityAfterPurchase)
        {
            lines.Add($"{Formats.Stamp(a.At)} {a.Type}" + (a.Ip is { } ip ? $" from IP {ip}" : string.Empty)
                + (a.DeviceFingerprint is { } fp ? $", device {fp}" : string.Empty));
        }

        if (lines.Count == 0)
        {
            return string.Empty;
        }

        const string header = "Account activity after the purchase (UTC):\n";
        var text = new StringBuilder(header);
        for (var i = 0; i < lines.Count; i++)
        {
            var note = $"… {lines.Count - i} later entries omitted to fit the field; the full log is in the evidence pack.";
            if (text.Length + lines[i].Length + 1 + note.Length > limit)
            {
                text.Append(note);
                break;
            }

            text.Append(lines[i]).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    private static string ProductDescription(EvidenceBundle bundle)
    {
        if (bundle.IsMultiOrder)
        {
            return $"One payment for {bundle.Orders.Count} orders. "
                + string.Join(" ", bundle.Orders.Select(p => OrderDescription(p.Order, p.Delivery)));
        }

        if (bundle.Order is { } order && bundle.Delivery is { } delivery)
        {
            return OrderDescription(order, delivery);
        }

        if (bundle.Match.Subscription is { } sub && bundle.Match.Renewal is { } renewal)
        {
            return $"Automatic service {sub.Service?.Name ?? sub.Id}: renewal of subscription {sub.Id} charged {Formats.Stamp(renewal.At)} for {Formats.Amount(renewal.Amount, renewal.Currency)}.";
        }

        return "Social-media engagement service.";
    }

    /// <summary>One order: the service, when and how much, and what its delivery log shows.</summary>
    private static string OrderDescription(Order order, DeliveryReport delivery)
    {
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture,
                $"{order.Service.Name} ({order.Service.Kind}{(order.Service.Platform is { } p ? $" on {p}" : string.Empty)}), order {order.Id} placed {Formats.Stamp(order.CreatedAt)}: {order.Quantity} units for {Formats.Amount(order.Amount, order.Currency)}. ");
            text.Append(CultureInfo.InvariantCulture, $"Delivered {delivery.Delivered} of {delivery.Ordered}. ");
            if (delivery.StartedAt is { } started)
            {
                text.Append(CultureInfo.InvariantCulture, $"Delivery started {Formats.Stamp(started)} ({delivery.StartDelay!.Value.TotalHours:0.#} hours after the order");
                text.Append(delivery.PromisedStartHours is { } promised ? string.Create(CultureInfo.InvariantCulture, $"; promised within {promised:0.#} hours). ") : "). ");
            }

            if (delivery.CompletedAt is { } completed)
            {
                text.Append(CultureInfo.InvariantCulture, $"Completed {Formats.Stamp(completed)}. ");
            }

            if (delivery.StartCount is { } start)
            {
                text.Append(CultureInfo.InvariantCulture, $"Count on the customer's profile or post: {start} before delivery");
                text.Append(delivery.CurrentObservedCount is { } now ? $", {now} at the last check. " : ". ");
            }

            return text.ToString().TrimEnd();
        }
    }

    /// <summary>Caps each field at its limit and the whole at Stripe's total, saying so where text was cut.</summary>
    private static Dictionary<string, string> Fit(Dictionary<string, string> fields)
    {
        const string cut = " [shortened to fit Stripe's limit; the full text is in the attached evidence pack]";
        var fitted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            var limit = EvidenceLimits.LimitOf(key);
            fitted[key] = value.Length <= limit ? value : string.Concat(value.AsSpan(0, limit - cut.Length), cut);
        }

        var total = fitted.Where(kv => !EvidenceLimits.FileFields.Contains(kv.Key)).Sum(kv => kv.Value.Length);
        if (total > EvidenceLimits.AllText && fitted.TryGetValue("access_activity_log", out var log))
        {
            var keep = Math.Max(0, log.Length - (total - EvidenceLimits.AllText) - cut.Length);
            fitted["access_activity_log"] = string.Concat(log.AsSpan(0, keep), cut);
        }

        return fitted;
    }

    public static string RemoveLinks(string text) => LinkPattern().Replace(text, "[link omitted]");

    /// <summary>
    /// The text without control characters (NUL, escapes, C1 controls, bidirectional overrides) that
    /// the seller's records may hold and no bank should receive; line breaks and tabs stay.
    /// </summary>
    public static string WithoutControls(string text) => HasControls(text) ? ControlPattern().Replace(text, string.Empty) : text;

    public static bool HasControls(string text) => ControlPattern().IsMatch(text);

    [GeneratedRegex(@"[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex ControlPattern();


    [GeneratedRegex(@"\b(?:https?://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();
}

using System.Globalization;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Core.Policies;

/// <summary>
/// Decides fight / accept / partial / review from the refund policy, the way a finance
/// person who knows the policy would, and whether to propose a flag on the account.
/// </summary>
public static class PolicyEngine
{
    public static Verdict Evaluate(EvidenceBundle bundle, RefundPolicy policy)
    {
        var dispute = bundle.Dispute;
        if (!bundle.Match.IsMatched)
        {
            return Review(policy, RuleKeys.Investigation,
                "No order or subscription renewal matches this dispute; a person must find the purchase.",
                [.. bundle.Match.Tried]);
        }

        if (!DisputeReason.PolicyReasons.Contains(dispute.Reason))
        {
            return Review(policy, RuleKeys.Investigation,
                $"The refund policy does not speak to the dispute reason '{dispute.Reason}'; a person decides.",
                [$"Dispute reason: {dispute.Reason}"]);
        }

        var facts = new List<string>();
        if (bundle.RefundedAmount > 0)
        {
            facts.Add($"Already refunded: {Formats.Amount(bundle.RefundedAmount, dispute.Currency)} ({string.Join(", ", bundle.Refunds.Select(r => Formats.Day(r.At)))}).");
            if (bundle.RefundedAmount >= dispute.Amount)
            {
                return Fight(policy, [RuleKeys.FullRefund], facts,
                    $"The disputed amount was already refunded in full on {Formats.Day(bundle.Refunds.Max(r => r.At))}.");
            }
        }

        if (bundle.Match.Renewal is { } renewal && bundle.Match.Subscription is { } subscription)
        {
            return EvaluateRenewal(bundle, policy, subscription, renewal, facts);
        }

        if (bundle.IsMultiOrder)
        {
            return EvaluatePurchase(bundle, policy, facts);
        }

        var order = bundle.Order!;
        var delivery = bundle.Delivery!;
        return order.Service.Kind == ServiceKind.Account
            ? EvaluateAccount(bundle, policy, order, delivery, facts)
            : EvaluateService(bundle, policy, order, delivery, facts);
    }

    /// <summary>
    /// A charge that paid for several orders: each order is judged alone on its share of the
    /// disputed amount (its price, or pro rata when the dispute is for less than was paid and the
    /// orders cannot tell which part), and the verdicts combine: nothing owed on any order, fight;
    /// the sum owed when some is, never more than the disputed amount; all of it, accept. An order
    /// the policy leaves to a person leaves the purchase to a person.
    /// </summary>
    private static Verdict EvaluatePurchase(EvidenceBundle bundle, RefundPolicy policy, List<string> facts)
    {
        var dispute = bundle.Dispute;
        var paid = bundle.Orders.Sum(p => p.Order.Amount);
        facts.Add($"Charge {dispute.ChargeId} paid for {bundle.Orders.Count} orders, {Formats.Amount(paid, dispute.Currency)} in all: "
            + string.Join("; ", bundle.Orders.Select(p => $"{p.Order.Id} ({p.Order.Service.Name}, {Formats.Amount(p.Order.Amount, p.Order.Currency)})")) + ".");
        var proRata = dispute.Amount < paid;
        if (proRata)
        {
            facts.Add(string.Create(CultureInfo.InvariantCulture,
                $"The dispute is for {Formats.Amount(dispute.Amount, dispute.Currency)} of the {Formats.Amount(paid, dispute.Currency)} paid; the orders cannot tell which part was disputed, so each order is judged on its share, pro rata ({(double)dispute.Amount / paid:P1} of its price)."));
        }

        var judged = new List<(PurchasedOrder Part, long Share, Verdict Verdict)>();
        var allotted = 0L;
        for (var i = 0; i < bundle.Orders.Count; i++)
        {
            var part = bundle.Orders[i];
            var share = !proRata ? part.Order.Amount
                : i == bundle.Orders.Count - 1 ? dispute.Amount - allotted
                : Proportion(part.Order.Amount, dispute.Amount, paid);
            allotted += share;
            judged.Add((part, share, Evaluate(bundle.For(part, share), policy)));
        }

        foreach (var (part, share, verdict) in judged)
        {
            facts.Add($"Order {part.Order.Id} ({Formats.Amount(share, dispute.Currency)}{(proRata ? " of the disputed amount" : string.Empty)}): {verdict.Summary}");
            facts.AddRange(verdict.Facts.Select(f => $"{part.Order.Id}: {f}"));
        }

        var rules = judged.SelectMany(j => j.Verdict.Rules).DistinctBy(r => r.Key).ToList();
        if (judged.FirstOrDefault(j => j.Verdict.Kind == VerdictKind.Review) is { Verdict: not null } open)
        {
            return new Verdict
            {
                Kind = VerdictKind.Review,
                Rules = rules,
                Facts = facts,
                Summary = $"Order {open.Part.Order.Id} of the {bundle.Orders.Count} this charge paid for needs a person: {open.Verdict.Summary}",
            };
        }

        var owedByOrder = judged.Select(j => (j.Part.Order.Id, Owed: j.Verdict.Kind switch
        {
            VerdictKind.Accept => j.Verdict.AmountOwed ?? j.Share,
            VerdictKind.Partial => j.Verdict.AmountOwed ?? 0,
            _ => 0,
        })).ToList();
        var owed = Math.Min(owedByOrder.Sum(o => o.Owed), dispute.Amount);
        var ids = string.Join(", ", judged.Select(j => j.Part.Order.Id));
        if (owed <= 0)
        {
            return new Verdict
            {
                Kind = VerdictKind.Fight,
                Rules = rules,
                Facts = facts,
                Summary = $"Every order this charge paid for ({ids}) was delivered as the policy requires; the policy owes no refund on any of them.",
            };
        }

        var detail = string.Join("; ", owedByOrder.Where(o => o.Owed > 0).Select(o => $"{Formats.Amount(o.Owed, dispute.Currency)} for {o.Id}"));
        return new Verdict
        {
            Kind = owed >= dispute.Amount ? VerdictKind.Accept : VerdictKind.Partial,
            AmountOwed = owed,
            Rules = rules,
            Facts = facts,
            Summary = owed >= dispute.Amount
                ? $"The policy owes the whole disputed amount across the orders this charge paid for ({detail}). Owed: {Formats.Amount(owed, dispute.Currency)}."
                : $"Of the orders this charge paid for ({ids}), the policy owes {detail}, and nothing for the rest. Owed: {Formats.Amount(owed, dispute.Currency)}.",
        };
    }

    private static Verdict EvaluateService(
        EvidenceBundle bundle, RefundPolicy policy, Order order, DeliveryReport delivery, List<string> facts)
    {
        var kind = order.Service.Kind;
        var automatic = kind == ServiceKind.AutoLikes && policy.AutomaticStartHours is not null;
        double? promised = automatic
            ? policy.AutomaticStartHours
            : policy.PromisesStartTimes ? delivery.PromisedStartHours ?? policy.StartWithinHours.GetValueOrDefault(kind, 24) : null;
        var startRule = automatic ? RuleKeys.AutomaticServices : RuleKeys.FullRefund;
        facts.Add($"Ordered {order.Quantity} {kind} on {Formats.Day(order.CreatedAt)}; delivered {delivery.Delivered}.");

        if (delivery.StartedAt is null || delivery.Delivered == 0)
        {
            facts.Add(delivery.StartedAt is null ? "Delivery never started." : "Nothing was delivered.");
            return NotDelivered(bundle, policy, order, VerdictKind.Accept, order.Amount, [startRule], facts,
                "The order was not delivered, so the policy owes the customer a full refund.");
        }

        var delayHours = delivery.StartDelay!.Value.TotalHours;
        if (promised is { } window)
        {
            facts.Add(string.Create(CultureInfo.InvariantCulture,
                $"Delivery started {delayHours:0.#} hours after the order; the promised start was within {window:0.#} hours."));
            if (delayHours > window)
            {
                return Owed(bundle, policy, VerdictKind.Accept, order.Amount, [startRule], facts,
                    "The order did not start within the start time stated for the service, so the policy owes a full refund.");
            }
        }
        else
        {
            facts.Add(string.Create(CultureInfo.InvariantCulture, $"Delivery started {delayHours:0.#} hours after the order."));
        }

        if (delivery.Events.Count == 0)
        {
            return Review(policy, RuleKeys.Investigation,
                "The order is marked delivered but no delivery log exists to prove it; a person must check.", facts);
        }

        if (delivery.Undelivered > 0)
        {
            facts.Add($"Undelivered: {delivery.Undelivered} of {delivery.Ordered}.");
            if (automatic)
            {
                return Fight(policy, [RuleKeys.AutomaticServices], facts,
                    $"The automatic service started and delivered {delivery.Delivered} of {delivery.Ordered}; once partly delivered it cannot be stopped and the policy gives no refund.");
            }

            if (order.Status is "in_progress" or "pending")
            {
                facts.Add("Delivery was still running when the dispute was opened.");
                return Fight(policy, [RuleKeys.DeliveryOnly], facts,
                    "The order was being delivered as promised when the customer disputed; the policy gives no refund once an order is in progress.");
            }

            var owed = Proportion(order.Amount, delivery.Undelivered, delivery.Ordered);
            return NotDelivered(bundle, policy, order, VerdictKind.Partial, owed,
                [policy.Has(RuleKeys.PartialDelivery) ? RuleKeys.PartialDelivery : RuleKeys.FullRefund], facts,
                $"Only {delivery.Delivered} of {delivery.Ordered} were delivered; the policy owes a refund of the undelivered part.");
        }

        if (delivery.CompletedAt is { } completed)
        {
            facts.Add($"Completed on {Formats.Day(completed)}.");
        }

        if (DropVerdict(bundle, policy, order, delivery, facts) is { } dropped)
        {
            return dropped;
        }

        var rules = new List<string> { RuleKeys.FullRefund, RuleKeys.DeliveryOnly };
        foreach (var drop in delivery.Drops)
        {
            rules.Add(policy.DropGuaranteeDays is not null && drop.WithinGuarantee ? RuleKeys.DropGuarantee : RuleKeys.DropTolerance);
        }

        if (policy.DropToleranceAfterGuarantee is null)
        {
            rules.Remove(RuleKeys.DropTolerance);
        }

        if (delivery is { StartCount: { } start, CurrentObservedCount: { } current })
        {
            facts.Add($"Count on the target: {start} when delivery started, {current} at the last check.");
        }

        if (bundle.Dispute.Reason == DisputeReason.ProductUnacceptable && policy.NotAsDescribedClaimDays is { } reportDays)
        {
            var report = WrittenClaim(bundle, order.CreatedAt, reportDays);
            if (report is not null)
            {
                facts.Add($"The customer reported a problem on {Formats.Day(report.At)}, within {reportDays:0} days of the purchase ({report.Id}).");
                return Review(policy, RuleKeys.NotAsDescribed,
                    $"The customer reported the service as not as described within the policy's {reportDays:0} days; a person weighs the evidence they sent against the service description.",
                    facts);
            }

            facts.Add($"No report that the service was not as described reached support within {reportDays:0} days of the purchase.");
            rules.Add(RuleKeys.NotAsDescribed);
        }

        return Fight(policy, [.. rules.Distinct()], facts,
            $"The service was delivered in full ({delivery.Delivered} of {delivery.Ordered})"
            + (promised is null ? string.Empty : " and started within the promised time")
            + "; the policy owes no refund.");
    }

    /// <summary>
    /// The drop rules as the policy states them (§5), from the delivery events: a count that fell
    /// below where the campaign started gives no refund; a drop inside the guarantee is owed a
    /// refill, and only one not refilled by the time the guarantee ended makes its delivered units
    /// refundable; after the guarantee, a drop within the tolerance gives nothing, a larger one the
    /// policy's partial rule for delivered-then-dropped units, or a person when the policy has none.
    /// What is owed never counts losses below the starting count, nor more than was delivered.
    /// Null when the drops leave the order as delivered (the facts say what they were).
    /// </summary>
    private static Verdict? DropVerdict(EvidenceBundle bundle, RefundPolicy policy, Order order, DeliveryReport delivery, List<string> facts)
    {
        if (delivery.Drops.Count == 0 && !delivery.FellBelowStart)
        {
            return null;
        }

        if (delivery.FellBelowStart && policy.DropToleranceAfterGuarantee is not null)
        {
            facts.Add($"Count on the target: {delivery.StartCount} when the campaign started, {delivery.LowestObservedCount} at its lowest"
                + (delivery.CurrentObservedCount is { } now ? $", {now} at the last check." : "."));
            return Fight(policy, [RuleKeys.DropTolerance, RuleKeys.DeliveryOnly], facts,
                $"The count fell below where the campaign started ({delivery.LowestObservedCount} against {delivery.StartCount}); the policy gives no refund when the count is lower than when the campaign started.");
        }

        var dispute = bundle.Dispute;
        long owedUnits = 0;
        var owedRules = new List<string>();
        var refillOwed = new List<DropRecord>();
        foreach (var drop in delivery.Drops)
        {
            var lost = delivery.DeliveredUnitsLost(drop);
            var counts = drop is { CountBefore: { } before, CountAfter: { } after } ? $" (count {before} → {after})" : string.Empty;
            if (policy.DropGuaranteeDays is { } days && drop.WithinGuarantee)
            {
                if (drop.RefilledAt is { } refilled)
                {
                    facts.Add($"A drop of {drop.Lost} on {Formats.Day(drop.At)}{counts} was refilled on {Formats.Day(refilled)}, within the {days:0}-day guarantee.");
                }
                else if (delivery.GuaranteeEndsAt is { } ends && ends > dispute.Created)
                {
                    facts.Add($"A drop of {drop.Lost} on {Formats.Day(drop.At)}{counts}, within the {days:0}-day guarantee that runs until {Formats.Day(ends)}: a refill is owed, not a refund.");
                    refillOwed.Add(drop);
                }
                else
                {
                    facts.Add($"A drop of {drop.Lost} on {Formats.Day(drop.At)}{counts}, within the {days:0}-day guarantee, was not refilled before the guarantee ended"
                        + (delivery.GuaranteeEndsAt is { } ended ? $" on {Formats.Day(ended)}" : string.Empty) + $": {lost} delivered units are refundable.");
                    owedUnits += lost;
                    owedRules.Add(RuleKeys.DropGuarantee);
                }

                continue;
            }

            var share = delivery.Delivered == 0 ? 1 : (double)drop.Lost / delivery.Delivered;
            if (policy.DropToleranceAfterGuarantee is not { } tolerance)
            {
                facts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"A drop of {drop.Lost} ({share:P1} of the delivered quantity) on {Formats.Day(drop.At)}{counts}; the policy gives no drop guarantee."));
                continue;
            }

            facts.Add(string.Create(CultureInfo.InvariantCulture,
                $"A drop of {drop.Lost} ({share:P1} of the delivered quantity) on {Formats.Day(drop.At)}{counts}, after the guarantee ended; the policy's tolerance is {tolerance:P0}."));
            if (share > tolerance + 1e-9)
            {
                if (!policy.Has(RuleKeys.PartialDelivery))
                {
                    return Review(policy, RuleKeys.DropTolerance,
                        "A drop larger than the tolerance happened after the guarantee; the policy does not say what is owed, so a person decides.",
                        facts);
                }

                owedUnits += lost;
                owedRules.Add(RuleKeys.DropTolerance);
            }
        }

        if (owedUnits > 0)
        {
            var owed = Proportion(order.Amount, Math.Min(owedUnits, delivery.Delivered), delivery.Ordered);
            if (policy.Has(RuleKeys.PartialDelivery))
            {
                owedRules.Add(RuleKeys.PartialDelivery);
            }

            return Owed(bundle, policy, VerdictKind.Partial, owed, [.. owedRules.Distinct()], facts,
                $"{owedUnits} delivered units dropped and were not refilled as the policy promises; it owes the price of those units, {Formats.Amount(owed, order.Currency)}.");
        }

        if (refillOwed.Count > 0)
        {
            var units = refillOwed.Sum(delivery.DeliveredUnitsLost);
            return Fight(policy, [RuleKeys.DropGuarantee, RuleKeys.DeliveryOnly], facts,
                $"The service was delivered in full ({delivery.Delivered} of {delivery.Ordered}); {units} units dropped inside the guarantee, which promises a refill (owed until {Formats.Day(delivery.GuaranteeEndsAt!.Value)}), not a refund.");
        }

        return null;
    }

    /// <summary>
    /// Non-delivery owes a refund. Where the policy asks for a written claim within a window
    /// and none came, the policy owes nothing, yet a bank rarely upholds an undelivered service:
    /// a person decides.
    /// </summary>
    private static Verdict NotDelivered(
        EvidenceBundle bundle, RefundPolicy policy, Order order, VerdictKind kind, long owed, IReadOnlyList<string> ruleKeys,
        List<string> facts, string summary)
    {
        if (policy.NonDeliveryClaimDays is { } days)
        {
            var claim = WrittenClaim(bundle, order.CreatedAt, days);
            if (claim is null)
            {
                facts.Add($"No written claim reached support within {days:0} days of the order.");
                return Review(policy, RuleKeys.FullRefund,
                    $"The service was not delivered in full, but the customer did not claim it in writing within the policy's {days:0} days; the policy owes no refund, yet the bank will see an undelivered service, so a person decides.",
                    facts);
            }

            facts.Add($"The customer claimed it in writing on {Formats.Day(claim.At)}, within {days:0} days of the order ({claim.Id}).");
        }

        return Owed(bundle, policy, kind, owed, ruleKeys, facts, summary);
    }

    /// <summary>The first message the customer wrote within <paramref name="days"/> of <paramref name="from"/>, before the dispute.</summary>
    private static SupportMessage? WrittenClaim(EvidenceBundle bundle, DateTimeOffset from, double days) =>
        bundle.Communication.FirstOrDefault(m => m.IsInbound && m.At >= from && m.At <= from.AddDays(days) && m.At < bundle.Dispute.Created);

    private static Verdict EvaluateAccount(
        EvidenceBundle bundle, RefundPolicy policy, Order order, DeliveryReport delivery, List<string> facts)
    {
        if (delivery.AccountSentAt is not { } sent)
        {
            facts.Add("The account was never sent to the customer.");
            return Owed(bundle, policy, VerdictKind.Accept, order.Amount, [RuleKeys.FullRefund], facts,
                "The account was not delivered, so the policy owes a full refund.");
        }

        facts.Add($"Account details sent on {Formats.Day(sent)} ({Time(sent)}).");
        if (policy.AccountSwapWindowHours is not { } swapHours)
        {
            if (delivery.AccountLoginAt is { } used)
            {
                facts.Add($"The customer logged in to the account on {Formats.Day(used)} ({Time(used)}).");
            }

            return Fight(policy, [RuleKeys.DeliveryOnly], facts,
                "The account was delivered; the policy sells non-tangible, irrevocable goods and owes no refund once delivered.");
        }

        if (delivery.AccountLoginAt is { } login)
        {
            facts.Add($"The customer logged in to the account on {Formats.Day(login)} ({Time(login)}), which proves it worked.");
            return Fight(policy, [RuleKeys.Accounts], facts,
                "The account was delivered and the customer logged in to it; the policy treats that as a delivered service.");
        }

        var window = TimeSpan.FromHours(swapHours);
        var complaint = bundle.Communication.FirstOrDefault(m => m.IsInbound && m.At >= sent && m.At <= sent + window);
        if (complaint is not null)
        {
            facts.Add($"The customer wrote to support within {swapHours:0} hours of receiving the account ({complaint.Id}).");
            return Review(policy, RuleKeys.Accounts,
                "A swap was asked for within the swap window; a person checks the screenshots and proxy before deciding.", facts);
        }

        facts.Add($"No swap was requested within {swapHours:0} hours of sending.");
        return Fight(policy, [RuleKeys.Accounts], facts,
            "The account was delivered and no swap was requested within the swap window.");
    }

    private static Verdict EvaluateRenewal(
        EvidenceBundle bundle, RefundPolicy policy, Subscription subscription, SubscriptionRenewal renewal, List<string> facts)
    {
        var latest = subscription.Renewals.MaxBy(r => r.At)!;
        facts.Add($"Automatic renewal charged on {Formats.Day(renewal.At)} for {Formats.Amount(renewal.Amount, renewal.Currency)}; the subscription has {subscription.Renewals.Count} renewals.");
        if (subscription.CanceledAt is { } canceledAt && canceledAt < renewal.At)
        {
            facts.Add($"The subscription had been cancelled on {Formats.Day(canceledAt)}, before this renewal.");
            return Owed(bundle, policy, VerdictKind.Accept, renewal.Amount, [RuleKeys.RecurringPayments], facts,
                "The renewal was charged after the subscription was cancelled, so it is owed back.");
        }

        if (!ReferenceEquals(latest, renewal) && latest.At != renewal.At)
        {
            facts.Add($"A later renewal followed on {Formats.Day(latest.At)}.");
            return Fight(policy, [RuleKeys.RecurringPayments], facts,
                "Only the most recent renewal can be refunded; this is an earlier period that was already served.");
        }

        if (policy.LatestRenewalRefundRequestHours is not { } requestHours)
        {
            return Fight(policy, [RuleKeys.RecurringPayments], facts,
                "The policy refunds no renewal that was not cancelled before it was charged.");
        }

        var window = TimeSpan.FromHours(requestHours);
        var requests = bundle.Communication
            .Where(m => m.IsInbound && m.At >= renewal.At && m.At <= renewal.At + window && m.At < bundle.Dispute.Created)
            .ToList();
        var cancel = requests.FirstOrDefault(m => AsksToCancel(m, policy));
        if (cancel is not null)
        {
            facts.Add($"The customer asked to cancel on {Formats.Day(cancel.At)}, {(cancel.At - renewal.At).TotalHours:0} hours after the renewal, within the policy's {Span(requestHours)} ({cancel.Id}).");
            return Owed(bundle, policy, VerdictKind.Accept, renewal.Amount, [RuleKeys.RecurringPayments], facts,
                "The customer asked to cancel shortly after the latest renewal, so the policy refunds that renewal.");
        }

        if (requests.Count > 0)
        {
            facts.Add($"The customer wrote shortly after the renewal ({requests[0].Id}) without clearly asking to cancel.");
            return Review(policy, RuleKeys.RecurringPayments,
                "The customer wrote shortly after the renewal; a person reads the message to see whether it was a cancellation request.", facts);
        }

        facts.Add($"No cancellation was requested before the renewal or within {Span(requestHours)} after it.");
        return Fight(policy, [RuleKeys.RecurringPayments], facts,
            "The customer did not cancel before the billing date nor ask to cancel shortly after it; the policy gives no refund.");
    }

    private static bool AsksToCancel(SupportMessage message, RefundPolicy policy)
    {
        var text = $"{message.Subject} {message.Body}";
        return policy.CancellationWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A refund is owed; less what was already refunded. Nothing left owed means the case is fought.</summary>
    private static Verdict Owed(
        EvidenceBundle bundle, RefundPolicy policy, VerdictKind kind, long owed, IReadOnlyList<string> ruleKeys,
        List<string> facts, string summary)
    {
        var remaining = Math.Min(owed, bundle.Dispute.Amount) - bundle.RefundedAmount;
        if (remaining <= 0)
        {
            return Fight(policy, [.. ruleKeys, RuleKeys.FullRefund], facts,
                summary + " That amount was already refunded, so nothing more is owed.");
        }

        if (kind == VerdictKind.Accept && remaining < bundle.Dispute.Amount)
        {
            kind = VerdictKind.Partial;
        }

        return new Verdict
        {
            Kind = kind,
            AmountOwed = remaining,
            Rules = [.. ruleKeys.Select(policy.Rule)],
            Facts = facts,
            Summary = summary + $" Owed: {Formats.Amount(remaining, bundle.Dispute.Currency)}.",
        };
    }

    private static Verdict Fight(RefundPolicy policy, IReadOnlyList<string> ruleKeys, List<string> facts, string summary) => new()
    {
        Kind = VerdictKind.Fight,
        Rules = [.. ruleKeys.Distinct().Select(policy.Rule)],
        Facts = facts,
        Summary = summary,
    };

    private static Verdict Review(RefundPolicy policy, string ruleKey, string summary, List<string> facts) => new()
    {
        Kind = VerdictKind.Review,
        Rules = [policy.Rule(ruleKey)],
        Facts = facts,
        Summary = summary,
    };

    private static long Proportion(long amount, long part, long whole) =>
        whole <= 0 ? amount : (long)Math.Round((decimal)amount * part / whole, MidpointRounding.AwayFromZero);

    /// <summary>"7 days" for whole days from two days up, else "12 hours".</summary>
    internal static string Span(double hours) => hours >= 48 && hours % 24 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{hours / 24:0} days")
        : string.Create(CultureInfo.InvariantCulture, $"{hours:0.#} hours");


    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

using System.Globalization;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Policies;

namespace DisputeKit.Core.Economics;

/// <summary>
/// Money at stake against fees, and a win chance from the reason's win rate and the strength
/// of the evidence this case has for that reason. Strength 0.5 leaves the rate as it is;
/// the full set of evidence lifts it by half, none of it halves it.
/// </summary>
public static class ExpectedValue
{
    public static CaseEconomics Estimate(EvidenceBundle bundle, Verdict verdict, WinRates rates, EconomicsOptions options)
    {
        var d = bundle.Dispute;
        var (rate, basis) = rates.For(d.Reason);
        var factors = Factors(bundle, verdict);
        var total = factors.Sum(f => f.Weight);
        var strength = total == 0 ? 0 : factors.Where(f => f.Present).Sum(f => f.Weight) / total;
        var chance = Math.Clamp(rate * (0.5 + strength), 0.02, 0.95);

        var (disputeFee, counterFee) = options.FeesFor(d.Currency);
        var atStake = Math.Max(0, d.Amount - (verdict.AmountOwed ?? 0));
        var gainIfWon = atStake + (options.DisputeFeeRefundedOnWin ? disputeFee : 0) - (options.CounterFeeRefundedOnWin ? 0 : counterFee);
        var expected = (chance * gainIfWon) - ((1 - chance) * counterFee);

        var present = factors.Where(f => f.Present).Select(f => f.Name).ToList();
        var missing = factors.Where(f => !f.Present).Select(f => f.Name).ToList();
        return new CaseEconomics
        {
            Currency = d.Currency,
            AtStake = atStake,
            DisputeFee = disputeFee,
            CounterFee = counterFee,
            WinChance = Math.Round(chance, 3),
            EvidenceStrength = Math.Round(strength, 3),
            ExpectedGain = (long)Math.Round(expected, MidpointRounding.AwayFromZero),
            Basis = string.Create(CultureInfo.InvariantCulture, $"{basis}; evidence strength {strength:P0}")
                + (present.Count > 0 ? $" (has: {string.Join(", ", present)}" : " (has: nothing")
                + (missing.Count > 0 ? $"; lacks: {string.Join(", ", missing)})" : ")"),
        };
    }

    /// <summary>The evidence that wins each reason, weighted by how much it counts for that reason.</summary>
    private static List<(string Name, double Weight, bool Present)> Factors(EvidenceBundle bundle, Verdict verdict)
    {
        // Every order of the purchase delivered (one payment may buy several).
        var delivered = (bundle.Orders.Count > 0 && bundle.Orders.All(p => p.Delivery is { Delivered: > 0, Undelivered: 0, Events.Count: > 0 } || p.Delivery.AccountLoginAt is not null))
            || (bundle.Match.Renewal is not null && verdict.Kind == VerdictKind.Fight);
        var noContact = !bundle.PriorContact.ContactedAboutPurchase;
        var acceptance = bundle.PolicyAcceptance is not null;
        var used = bundle.ActivityAfterPurchase.Count > 0;
        var history = bundle.PriorUndisputedOrders.Count >= 2;
        var payment = bundle.Order?.Payment;
        var sameIdentity = payment is not null && bundle.PriorUndisputedOrders.Any(o =>
            (payment.PurchaseIp is { } ip && o.Payment?.PurchaseIp == ip) || (payment.DeviceFingerprint is { } fp && o.Payment?.DeviceFingerprint == fp));
        var refunded = bundle.RefundedAmount >= bundle.Dispute.Amount;

        return bundle.Dispute.Reason switch
        {
            DisputeReason.ProductNotReceived or DisputeReason.General =>
                [("proof of delivery", 3, delivered), ("no contact before the dispute", 2, noContact), ("policy accepted at checkout", 1, acceptance), ("use after purchase", 1, used)],
            DisputeReason.ProductUnacceptable =>
                [("proof of delivery", 3, delivered), ("no contact before the dispute", 2, noContact), ("policy accepted at checkout", 2, acceptance), ("use after purchase", 1, used)],
            DisputeReason.SubscriptionCanceled =>
                [("no cancellation before the renewal", 3, verdict.Kind == VerdictKind.Fight), ("no contact before the dispute", 2, noContact), ("policy accepted at checkout", 2, acceptance), ("use after purchase", 1, used)],
            DisputeReason.CreditNotProcessed =>
                [("refund already made", 4, refunded), ("policy accepted at checkout", 2, acceptance), ("no contact before the dispute", 2, noContact), ("proof of delivery", 1, delivered)],
            DisputeReason.Duplicate =>
                [("a distinct order for the payment", 3, bundle.Order is not null), ("proof of delivery", 1, delivered), ("no contact before the dispute", 1, noContact)],
            DisputeReason.Fraudulent or DisputeReason.Unrecognized =>
                [("earlier undisputed orders", 3, history), ("same IP or device as earlier orders", 3, sameIdentity), ("use after purchase", 2, used), ("policy accepted at checkout", 1, acceptance), ("proof of delivery", 1, delivered)],
            _ => [("proof of delivery", 1, delivered)],
        };
    }
}

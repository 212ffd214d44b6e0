using System.Globalization;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Evidence;

/// <summary>A data element Visa Compelling Evidence 3.0 compares across transactions.</summary>
public enum Ce3Element
{
    PurchaseIp,
    DeviceFingerprint,
    DeviceId,
    Email,
    AccountId,
}

/// <summary>Whether one earlier charge can stand beside the disputed one, and why.</summary>
public sealed record Ce3Candidate
{
    public required string OrderId { get; init; }
    public string? ChargeId { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>Whole days between this charge and the dispute.</summary>
    public required int AgeDays { get; init; }
    public IReadOnlySet<Ce3Element> Shared { get; init; } = new HashSet<Ce3Element>();
    public required bool Qualifies { get; init; }
    /// <summary>One sentence: why it counts, or exactly why not.</summary>
    public required string Reason { get; init; }
}

/// <summary>The outcome of the Visa CE 3.0 check for one dispute: the payload when it qualifies, and the reasons either way.</summary>
public sealed record Ce3Assessment
{
    /// <summary>The dispute is one CE 3.0 answers (fraudulent, Visa 10.4).</summary>
    public required bool Applies { get; init; }
    public VisaCompellingEvidence3? Payload { get; init; }
    public bool Qualifies => Payload is not null;
    /// <summary>A sentence a person reads: qualified with which charges, or exactly why not.</summary>
    public required string Summary { get; init; }
    /// <summary>Every earlier charge looked at, with what it shares and why it counts or not.</summary>
    public IReadOnlyList<Ce3Candidate> Candidates { get; init; } = [];

    public static Ce3Assessment NotApplicable(string why) => new() { Applies = false, Summary = why };
}

/// <summary>
/// Visa Compelling Evidence 3.0 for card-absent fraud (reason 10.4): two earlier charges on the same
/// card, 120 to 365 days before the dispute, paid and never disputed, that share with the disputed
/// charge two main elements (purchase IP with a device fingerprint or device id; fingerprint and id
/// together do not count as the pair) or one main element and one secondary (email, account id).
/// A device fingerprint counts from 20 characters, a device id from 15.
/// </summary>
public static class VisaCe3
{
    public const int MinAgeDays = 120;
    public const int MaxAgeDays = 365;
    public const int MinFingerprintLength = 20;
    public const int MinDeviceIdLength = 15;
    public const string NetworkReasonCode = "10.4";
    public const string EligibilityType = "visa_compelling_evidence_3";

    private static readonly Ce3Element[] Main = [Ce3Element.PurchaseIp, Ce3Element.DeviceFingerprint, Ce3Element.DeviceId];
    private static readonly Ce3Element[] Secondary = [Ce3Element.Email, Ce3Element.AccountId];

    /// <summary>Why the dispute is not one CE 3.0 answers; null when it is.</summary>
    public static string? NotApplicableBecause(Dispute dispute)
    {
        if (dispute.Reason != DisputeReason.Fraudulent)
        {
            return $"Visa CE 3.0 answers card-absent fraud only; this dispute's reason is {dispute.Reason}.";
        }

        if (dispute.NetworkReasonCode is { } code)
        {
            return code == NetworkReasonCode ? null : $"Visa CE 3.0 answers network reason {NetworkReasonCode} only; this dispute has {code}.";
        }

        return dispute.EnhancedEligibilityTypes.Contains(EligibilityType)
            ? null
            : $"Visa CE 3.0 answers Visa reason {NetworkReasonCode} only; Stripe gives no network reason code and does not list the dispute as eligible.";
    }

    /// <summary>
    /// Whether <see cref="Assess"/> gets as far as comparing cards: a CE 3.0 dispute on an order whose
    /// card is known. Only then are the earlier charges worth reading from Stripe.
    /// </summary>
    public static bool ComparesCards(Dispute dispute, ChargeDetails? charge, DisputeMatch match) =>
        NotApplicableBecause(dispute) is null && match.Order is not null && charge?.CardFingerprint is { Length: > 0 };

    /// <summary>The elements of one transaction that count: long enough, and present.</summary>
    public static IReadOnlyDictionary<Ce3Element, string> Elements(Ce3Transaction t)
    {
        var elements = new Dictionary<Ce3Element, string>();
        if (Trimmed(t.CustomerPurchaseIp) is { } ip)
        {
            elements[Ce3Element.PurchaseIp] = ip;
        }

        if (Trimmed(t.CustomerDeviceFingerprint) is { Length: >= MinFingerprintLength } fingerprint)
        {
            elements[Ce3Element.DeviceFingerprint] = fingerprint;
        }

        if (Trimmed(t.CustomerDeviceId) is { Length: >= MinDeviceIdLength } deviceId)
        {
            elements[Ce3Element.DeviceId] = deviceId;
        }

        if (Emails.Normalize(t.CustomerEmailAddress) is { } email)
        {
            elements[Ce3Element.Email] = email;
        }

        if (Trimmed(t.CustomerAccountId) is { } account)
        {
            elements[Ce3Element.AccountId] = account;
        }

        return elements;
    }

    /// <summary>The elements two transactions share.</summary>
    public static IReadOnlySet<Ce3Element> Shared(Ce3Transaction a, Ce3Transaction b)
    {
        var (x, y) = (Elements(a), Elements(b));
        return x.Where(kv => y.TryGetValue(kv.Key, out var other) && string.Equals(kv.Value, other, StringComparison.Ordinal))
            .Select(kv => kv.Key).ToHashSet();
    }

    /// <summary>Whether shared elements meet the rule; when not, exactly what is missing.</summary>
    public static (bool Qualifies, string Why) Rule(IReadOnlySet<Ce3Element> shared)
    {
        var mains = Main.Where(shared.Contains).ToList();
        var secondaries = Secondary.Where(shared.Contains).ToList();
        if (mains.Contains(Ce3Element.PurchaseIp) && mains.Count >= 2)
        {
            return (true, $"shares {Names(mains)}, two main elements");
        }

        if (mains.Count >= 1 && secondaries.Count >= 1)
        {
            return (true, $"shares {Names(mains)} (main) and {Names(secondaries)} (secondary)");
        }

        if (mains.Count == 2)
        {
            return (false, $"shares only {Names(mains)}: device fingerprint and device id together are not a qualifying pair; it also needs the purchase IP, the email or the account id");
        }

        if (mains.Count == 1)
        {
            return (false, $"shares only {Names(mains)}: one main element needs a second main one or a secondary one (email, account id)");
        }

        return (false, secondaries.Count > 0
            ? $"shares only {Names(secondaries)}: it needs a main element too (purchase IP, device fingerprint of {MinFingerprintLength}+ characters, device id of {MinDeviceIdLength}+ characters)"
            : "shares no data element (purchase IP, device fingerprint, device id, email, account id)");
    }

    /// <summary>
    /// Decides CE 3.0 for a matched fraud dispute. <paramref name="priorCharges"/> holds the Stripe
    /// charge (for its card) of each earlier order in the 120–365 day window; an order whose charge
    /// could not be read is reported so.
    /// </summary>
    public static Ce3Assessment Assess(
        Dispute dispute, ChargeDetails? charge, DisputeMatch match, IReadOnlyList<Order> priorUndisputedOrders,
        IReadOnlyDictionary<string, ChargeDetails> priorCharges)
    {
        if (NotApplicableBecause(dispute) is { } why)
        {
            return Ce3Assessment.NotApplicable(why);
        }

        if (match.Order is not { } order)
        {
            return NotQualified(match.IsMatched
                ? "The disputed charge is a subscription renewal: no purchase IP or device was captured for it, which CE 3.0 compares."
                : "The disputed charge matches no order, so there is no purchase data to compare.");
        }

        if (charge?.CardFingerprint is not { Length: > 0 } card)
        {
            return NotQualified("Stripe gives no card fingerprint for the disputed charge, so earlier charges on the same card cannot be found.");
        }

        // The whole purchase: one payment may buy several services.
        var disputed = Transaction(order, match.Customer, null) with { MerchandiseOrServices = "services", ProductDescription = string.Join(", ", match.Orders.Select(o => o.Service.Name).Distinct(StringComparer.Ordinal)) };
        var candidates = new List<(Ce3Candidate Candidate, Order Order)>();
        foreach (var prior in priorUndisputedOrders.OrderByDescending(o => o.CreatedAt))
        {
            var age = AgeDays(prior.CreatedAt, dispute.Created);
            var chargeId = prior.Payment?.StripeChargeId;
            candidates.Add((Candidate(prior, chargeId, age, disputed, card, match.Customer, priorCharges), prior));
        }

        var qualifying = candidates.Where(c => c.Candidate.Qualifies).ToList();
        for (var i = 0; i < qualifying.Count; i++)
        {
            for (var j = i + 1; j < qualifying.Count; j++)
            {
                var (a, b) = (qualifying[i], qualifying[j]);
                var common = a.Candidate.Shared.Intersect(b.Candidate.Shared).ToHashSet();
                if (!Rule(common).Qualifies)
                {
                    continue;
                }

                var payload = new VisaCompellingEvidence3
                {
                    DisputedTransaction = Only(disputed, common),
                    PriorUndisputedTransactions =
                    [
                        Only(Transaction(a.Order, match.Customer, a.Candidate.ChargeId), common),
                        Only(Transaction(b.Order, match.Customer, b.Candidate.ChargeId), common),
                    ],
                };
                return new Ce3Assessment
                {
                    Applies = true,
                    Payload = payload,
                    Candidates = [.. candidates.Select(c => c.Candidate)],
                    Summary = string.Create(CultureInfo.InvariantCulture,
                        $"The purchase qualifies for Visa Compelling Evidence 3.0: orders {a.Order.Id} ({a.Candidate.AgeDays} days before the dispute) and {b.Order.Id} ({b.Candidate.AgeDays} days) were paid with the same card, never disputed, and share {Names(Main.Concat(Secondary).Where(common.Contains))} with the disputed purchase."),
                };
            }
        }

        var summary = qualifying.Count switch
        {
            0 when candidates.Count == 0 => "Does not qualify for Visa CE 3.0: the customer has no earlier undisputed order.",
            0 => $"Does not qualify for Visa CE 3.0: none of the customer's {candidates.Count} earlier undisputed orders counts (see each).",
            1 => $"Does not qualify for Visa CE 3.0: only order {qualifying[0].Order.Id} counts; two earlier charges are needed.",
            _ => $"Does not qualify for Visa CE 3.0: {qualifying.Count} earlier orders count, but no two of them share a qualifying set of elements with the disputed purchase.",
        };
        return new Ce3Assessment { Applies = true, Summary = summary, Candidates = [.. candidates.Select(c => c.Candidate)] };

        Ce3Assessment NotQualified(string reason) => new() { Applies = true, Summary = "Does not qualify for Visa CE 3.0: " + char.ToLowerInvariant(reason[0]) + reason[1..] };
    }

    /// <summary>Whole days from an earlier charge to the dispute: 119.9 days is 119.</summary>
    public static int AgeDays(DateTimeOffset earlier, DateTimeOffset dispute) => (int)Math.Floor((dispute - earlier).TotalDays);

    private static Ce3Candidate Candidate(
        Order prior, string? chargeId, int age, Ce3Transaction disputed, string card, Customer? customer, IReadOnlyDictionary<string, ChargeDetails> priorCharges)
    {
        Ce3Candidate No(string reason) => new() { OrderId = prior.Id, ChargeId = chargeId, At = prior.CreatedAt, AgeDays = age, Qualifies = false, Reason = reason };

        if (age < MinAgeDays)
        {
            return No($"{age} days before the dispute: under {MinAgeDays} days");
        }

        if (age > MaxAgeDays)
        {
            return No($"{age} days before the dispute: over {MaxAgeDays} days");
        }

        if (chargeId is null)
        {
            return No("no Stripe charge id on the order, so its card is unknown");
        }

        if (!priorCharges.TryGetValue(chargeId, out var priorCharge))
        {
            return No($"charge {chargeId} could not be read from Stripe, so its card is unknown");
        }

        if (priorCharge.CardFingerprint != card)
        {
            return No($"charge {chargeId} was paid with another card");
        }

        var shared = Shared(disputed, Transaction(prior, customer, chargeId));
        var (qualifies, why) = Rule(shared);
        return new Ce3Candidate
        {
            OrderId = prior.Id,
            ChargeId = chargeId,
            At = prior.CreatedAt,
            AgeDays = age,
            Shared = shared,
            Qualifies = qualifies,
            Reason = string.Create(CultureInfo.InvariantCulture, $"{age} days before the dispute, same card; {why}"),
        };
    }

    /// <summary>What the shop captured at checkout for one order, in Stripe's CE 3.0 terms.</summary>
    public static Ce3Transaction Transaction(Order order, Customer? customer, string? chargeId) => new()
    {
        Charge = chargeId,
        CustomerAccountId = order.CustomerId,
        CustomerEmailAddress = customer?.Email,
        CustomerPurchaseIp = order.Payment?.PurchaseIp,
        CustomerDeviceFingerprint = order.Payment?.DeviceFingerprint,
        CustomerDeviceId = order.Payment?.DeviceId,
        ProductDescription = order.Service.Name,
    };

    /// <summary>The transaction with only the shared elements sent: what Visa compares, and no more of the customer's data.</summary>
    private static Ce3Transaction Only(Ce3Transaction t, HashSet<Ce3Element> shared) => t with
    {
        CustomerPurchaseIp = shared.Contains(Ce3Element.PurchaseIp) ? t.CustomerPurchaseIp?.Trim() : null,
        CustomerDeviceFingerprint = shared.Contains(Ce3Element.DeviceFingerprint) ? t.CustomerDeviceFingerprint?.Trim() : null,
        CustomerDeviceId = shared.Contains(Ce3Element.DeviceId) ? t.CustomerDeviceId?.Trim() : null,
        CustomerEmailAddress = shared.Contains(Ce3Element.Email) ? t.CustomerEmailAddress?.Trim() : null,
        CustomerAccountId = shared.Contains(Ce3Element.AccountId) ? t.CustomerAccountId?.Trim() : null,
    };

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Names(IEnumerable<Ce3Element> elements) => string.Join(" and ", elements.Select(Name));

    public static string Name(Ce3Element element) => element switch
    {
        Ce3Element.PurchaseIp => "purchase IP",
        Ce3Element.DeviceFingerprint => "device fingerprint",
        Ce3Element.DeviceId => "device id",
        Ce3Element.Email => "email",
        _ => "account id",
    };
}

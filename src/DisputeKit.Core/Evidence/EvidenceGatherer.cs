using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Evidence;

/// <summary>
/// Assembles the <see cref="EvidenceBundle"/> of a dispute from the seller's records, each record
/// fetched once; for Visa CE 3.0 it reads the earlier charges' cards from <paramref name="charges"/>
/// (without it, no earlier charge's card is known and CE 3.0 says so).
/// Messages come from the seller's records and, with <paramref name="support"/>, from the support
/// sources DisputeKit reads itself (the mailbox, a helpdesk); a source out of date keeps any
/// finding from saying the customer did not contact support.
/// </summary>
public sealed class EvidenceGatherer(IMerchantRecords records, DisputeMatcher matcher, IDisputeGateway? charges = null, Support.SupportMessages? support = null)
{
    /// <summary>Drop guarantee used when an order's service does not state one.</summary>
    public double DefaultRefillDays { get; init; } = 30;

    /// <param name="disputedChargeIds">Charges known to be disputed, so that no disputed order counts as a prior undisputed one.</param>
    public async Task<EvidenceBundle> GatherAsync(
        Dispute dispute, ChargeDetails? charge, IReadOnlySet<string> disputedChargeIds, CancellationToken cancellationToken)
    {
        var match = await matcher.MatchAsync(dispute, charge, cancellationToken);
        if (!match.IsMatched || match.CustomerId is not { } customerId)
        {
            return Unmatched(dispute, charge, match);
        }

        var order = match.Order;
        var purchasedAt = order?.CreatedAt ?? match.Renewal?.At;
        var customerOrders = await records.OrdersOfCustomerAsync(customerId, cancellationToken);
        IReadOnlyList<string> orderIds = [.. match.Orders.Select(o => o.Id)];
        var email = match.Customer?.Email ?? charge?.BillingEmail;
        // The seller's exported messages, unless the support sources listed leave them out.
        var exported = support?.ReadsExportedMessages ?? true;
        var communication = exported ? await records.SupportMessagesAsync(customerId, email, orderIds, cancellationToken) : [];
        IReadOnlyList<string> unread = exported ? records.UnreadContactSources : [];
        if (support is not null)
        {
            // The customer's every known address: the account's, and the charge's billing and receipt ones.
            IReadOnlyList<string> emails = [.. new[] { match.Customer?.Email, charge?.BillingEmail, charge?.ReceiptEmail }
                .OfType<string>().Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal)];
            var synced = await support.MessagesAsync(customerId, emails, orderIds, cancellationToken);
            if (synced.Count > 0)
            {
                communication = [.. communication.Concat(synced).DistinctBy(m => (m.Source, m.SourceId ?? m.Id)).OrderBy(m => m.At).ThenBy(m => m.Id, StringComparer.Ordinal)];
            }

            unread = [.. unread, .. await support.OutOfDateAsync(cancellationToken)];
        }

        var windowStart = match.Customer?.CreatedAt ?? purchasedAt ?? dispute.Created;

        var purchased = new List<PurchasedOrder>(match.Orders.Count);
        foreach (var o in match.Orders)
        {
            purchased.Add(new PurchasedOrder(o, DeliveryReportBuilder.Build(o, await records.DeliveryEventsAsync(o.Id, cancellationToken), DefaultRefillDays)));
        }

        PolicyAcceptance? acceptance = null;
        if (order?.PolicyAcceptanceId is { } acceptanceId)
        {
            acceptance = await records.FindPolicyAcceptanceAsync(acceptanceId, cancellationToken);
        }

        acceptance ??= await records.LatestPolicyAcceptanceAsync(customerId, purchasedAt ?? dispute.Created, cancellationToken);

        var activity = await records.AccountActivityAsync(customerId, cancellationToken);
        var refunds = new List<Refund>();
        foreach (var o in match.Orders)
        {
            refunds.AddRange(await records.RefundsAsync(o.Id, null, cancellationToken));
        }

        if (match.Subscription is { } subscription)
        {
            refunds.AddRange(await records.RefundsAsync(null, subscription.Id, cancellationToken));
        }

        IReadOnlyList<Order> priorUndisputed = [.. customerOrders.Where(o => !orderIds.Contains(o.Id) && o.CreatedAt < (purchasedAt ?? dispute.Created)
            && o.Payment?.StripeChargeId is { } c && c != dispute.ChargeId && !disputedChargeIds.Contains(c)
            && o.Status is not ("refunded" or "canceled"))];

        return new EvidenceBundle
        {
            Dispute = dispute,
            Charge = charge,
            Match = match,
            Orders = purchased,
            Delivery = purchased.Count > 0 ? purchased[0].Delivery : null,
            Communication = communication,
            PriorContact = Unread(PriorContactCheck.Evaluate(communication, dispute.Created, windowStart, orderIds, purchasedAt), unread),
            PolicyAcceptance = acceptance,
            ActivityAfterPurchase = [.. activity.Where(a => purchasedAt is null || a.At >= purchasedAt.Value)],
            PriorUndisputedOrders = priorUndisputed,
            Refunds = [.. refunds.DistinctBy(r => r.Id)],
            VisaCe3 = VisaCe3.Assess(dispute, charge, match, priorUndisputed, await PriorChargesAsync(dispute, charge, match, priorUndisputed, cancellationToken)),
        };
    }

    /// <summary>
    /// The Stripe charges of the earlier orders CE 3.0 could use (120–365 days old), read only when
    /// the check will compare cards (<see cref="VisaCe3.ComparesCards"/>). One that cannot be read is left out and the check says so;
    /// Stripe being down stops the gathering as everywhere else.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, ChargeDetails>> PriorChargesAsync(
        Dispute dispute, ChargeDetails? charge, DisputeMatch match, IReadOnlyList<Order> priorUndisputed, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ChargeDetails>(StringComparer.Ordinal);
        if (charges is null || !VisaCe3.ComparesCards(dispute, charge, match))
        {
            return found;
        }

        foreach (var prior in priorUndisputed)
        {
            var age = VisaCe3.AgeDays(prior.CreatedAt, dispute.Created);
            if (age is < VisaCe3.MinAgeDays or > VisaCe3.MaxAgeDays || prior.Payment?.StripeChargeId is not { } chargeId || found.ContainsKey(chargeId))
            {
                continue;
            }

            try
            {
                found[chargeId] = await charges.GetChargeAsync(chargeId, cancellationToken);
            }
            catch (Exception e) when (e is not (DisputeGatewayUnavailableException or OperationCanceledException))
            {
                // Not found, or refused: this order cannot count, and the assessment names it.
            }
        }

        return found;
    }

    /// <summary>The finding, unless it says "no contact" while a contact source was not read: then it says it cannot be known.</summary>
    private static PriorContactFinding Unread(PriorContactFinding finding, IReadOnlyList<string> unread) =>
        finding.ContactedAboutPurchase || unread.Count == 0
            ? finding
            : finding with
            {
                UnreadSources = unread,
                Statement = $"Whether the customer contacted support before the dispute cannot be said: {string.Join(", ", unread)} was not read.",
            };

    private static EvidenceBundle Unmatched(Dispute dispute, ChargeDetails? charge, DisputeMatch match) => new()
    {
        Dispute = dispute,
        Charge = charge,
        Match = match,
        Communication = [],
        PriorContact = PriorContactCheck.Evaluate([], dispute.Created, dispute.Created, [], null),
        ActivityAfterPurchase = [],
        PriorUndisputedOrders = [],
        Refunds = [],
        VisaCe3 = VisaCe3.Assess(dispute, charge, match, [], new Dictionary<string, ChargeDetails>()),
    };
}

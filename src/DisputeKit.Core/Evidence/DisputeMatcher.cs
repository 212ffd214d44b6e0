using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Evidence;

/// <summary>
/// Finds a dispute's orders (every order the charge paid for), renewal and customer by the rules
/// of the merchant-data format: charge id, then payment intent id, then <c>metadata.order_id</c>
/// (one id or several) on the dispute or charge.
/// </summary>
public sealed class DisputeMatcher(IMerchantRecords records)
{
    public async Task<DisputeMatch> MatchAsync(Dispute dispute, ChargeDetails? charge, CancellationToken cancellationToken)
    {
        var tried = new List<string>();

        var orders = await records.OrdersByChargeAsync(dispute.ChargeId, cancellationToken);
        tried.Add($"orders with payment.stripe_charge_id = {dispute.ChargeId}: {Found(orders)}");
        if (orders.Count > 0)
        {
            return await WithCustomerAsync(orders, null, null, "order charge id", tried, cancellationToken);
        }

        var subscription = await records.FindSubscriptionByRenewalChargeAsync(dispute.ChargeId, cancellationToken);
        tried.Add($"subscription renewal with stripe_charge_id = {dispute.ChargeId}: {(subscription is null ? "none" : "found")}");
        if (subscription is not null)
        {
            var renewal = subscription.Renewals.First(r => r.StripeChargeId == dispute.ChargeId);
            return await WithCustomerAsync([], subscription, renewal, "subscription renewal charge id", tried, cancellationToken);
        }

        var intentId = dispute.PaymentIntentId ?? charge?.PaymentIntentId;
        if (intentId is not null)
        {
            orders = await records.OrdersByPaymentIntentAsync(intentId, cancellationToken);
            tried.Add($"orders with payment.stripe_payment_intent_id = {intentId}: {Found(orders)}");
            if (orders.Count > 0)
            {
                return await WithCustomerAsync(orders, null, null, "order payment intent id", tried, cancellationToken);
            }
        }
        else
        {
            tried.Add("payment intent id: the dispute and charge carry none");
        }

        foreach (var (source, metadata) in new[] { ("dispute", dispute.Metadata), ("charge", charge?.Metadata) })
        {
            if (metadata is not null && metadata.TryGetValue("order_id", out var listed) && !string.IsNullOrWhiteSpace(listed))
            {
                // One order id, or several separated by commas, semicolons or spaces (one checkout, several orders).
                var found = new List<Order>();
                foreach (var orderId in listed.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal))
                {
                    var order = await records.FindOrderAsync(orderId, cancellationToken);
                    tried.Add($"order {orderId} named by the {source}'s metadata.order_id: {(order is null ? "none" : "found")}");
                    if (order is not null)
                    {
                        found.Add(order);
                    }
                }

                if (found.Count > 0)
                {
                    return await WithCustomerAsync([.. found.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id, StringComparer.Ordinal)], null, null, $"{source} metadata.order_id", tried, cancellationToken);
                }
            }
            else
            {
                tried.Add($"{source} metadata.order_id: not set");
            }
        }

        return new DisputeMatch { Tried = tried };
    }

    private async Task<DisputeMatch> WithCustomerAsync(
        IReadOnlyList<Order> orders, Subscription? subscription, SubscriptionRenewal? renewal, string matchedBy,
        List<string> tried, CancellationToken cancellationToken)
    {
        var first = orders.Count > 0 ? orders[0] : null;
        if (first?.SubscriptionId is { } subscriptionId && subscription is null)
        {
            subscription = await records.FindSubscriptionAsync(subscriptionId, cancellationToken);
        }

        var customerId = first?.CustomerId ?? subscription!.CustomerId;
        if (orders.Any(o => o.CustomerId != customerId))
        {
            tried.Add($"the charge's orders belong to more than one customer ({string.Join(", ", orders.Select(o => o.CustomerId).Distinct(StringComparer.Ordinal))}); {customerId}'s, the oldest order's, is used");
        }

        var customer = await records.FindCustomerAsync(customerId, cancellationToken);
        if (customer is null)
        {
            tried.Add($"customer {customerId}: not found");
        }

        return new DisputeMatch
        {
            Orders = orders,
            Subscription = subscription,
            Renewal = renewal,
            Customer = customer,
            MatchedBy = matchedBy,
            Tried = tried,
        };
    }

    private static string Found(IReadOnlyList<Order> orders) => orders.Count switch
    {
        0 => "none",
        1 => "found",
        var n => $"{n} found ({string.Join(", ", orders.Select(o => o.Id))})",
    };
}

using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Evidence;

/// <summary>
/// Finds a dispute's order, renewal and customer by the rules of the merchant-data format:
/// charge id, then payment intent id, then <c>metadata.order_id</c> on the dispute or charge.
/// </summary>
public sealed class DisputeMatcher(IMerchantRecords records)
{
    public async Task<DisputeMatch> MatchAsync(Dispute dispute, ChargeDetails? charge, CancellationToken cancellationToken)
    {
        var tried = new List<string>();

        var order = await records.FindOrderByChargeAsync(dispute.ChargeId, cancellationToken);
        tried.Add($"order with payment.stripe_charge_id = {dispute.ChargeId}: {Found(order)}");
        if (order is not null)
        {
            return await WithCustomerAsync(order, null, null, "order charge id", tried, cancellationToken);
        }

        var subscription = await records.FindSubscriptionByRenewalChargeAsync(dispute.ChargeId, cancellationToken);
        tried.Add($"subscription renewal with stripe_charge_id = {dispute.ChargeId}: {Found(subscription)}");
        if (subscription is not null)
        {
            var renewal = subscription.Renewals.First(r => r.StripeChargeId == dispute.ChargeId);
            return await WithCustomerAsync(null, subscription, renewal, "subscription renewal charge id", tried, cancellationToken);
        }

        var intentId = dispute.PaymentIntentId ?? charge?.PaymentIntentId;
        if (intentId is not null)
        {
            order = await records.FindOrderByPaymentIntentAsync(intentId, cancellationToken);
            tried.Add($"order with payment.stripe_payment_intent_id = {intentId}: {Found(order)}");
            if (order is not null)
            {
                return await WithCustomerAsync(order, null, null, "order payment intent id", tried, cancellationToken);
            }
        }
        else
        {
            tried.Add("payment intent id: the dispute and charge carry none");
        }

        foreach (var (source, metadata) in new[] { ("dispute", dispute.Metadata), ("charge", charge?.Metadata) })
        {
            if (metadata is not null && metadata.TryGetValue("order_id", out var orderId) && !string.IsNullOrWhiteSpace(orderId))
            {
                order = await records.FindOrderAsync(orderId.Trim(), cancellationToken);
                tried.Add($"order {orderId} named by the {source}'s metadata.order_id: {Found(order)}");
                if (order is not null)
                {
                    return await WithCustomerAsync(order, null, null, $"{source} metadata.order_id", tried, cancellationToken);
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
        Order? order, Subscription? subscription, SubscriptionRenewal? renewal, string matchedBy,
        List<string> tried, CancellationToken cancellationToken)
    {
        if (order?.SubscriptionId is { } subscriptionId && subscription is null)
        {
            subscription = await records.FindSubscriptionAsync(subscriptionId, cancellationToken);
        }

        var customerId = order?.CustomerId ?? subscription!.CustomerId;
        var customer = await records.FindCustomerAsync(customerId, cancellationToken);
        if (customer is null)
        {
            tried.Add($"customer {customerId}: not found");
        }

        return new DisputeMatch
        {
            Order = order,
            Subscription = subscription,
            Renewal = renewal,
            Customer = customer,
            MatchedBy = matchedBy,
            Tried = tried,
        };
    }

    private static string Found(object? value) => value is null ? "none" : "found";
}

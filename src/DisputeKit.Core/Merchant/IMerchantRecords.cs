namespace DisputeKit.Core.Merchant;

/// <summary>
/// Port to the seller's records (files or a database). Every lookup the evidence gatherer
/// makes is one method here, so each source can index exactly these.
/// </summary>
public interface IMerchantRecords
{
    /// <summary>
    /// Sources of customer contact that were not read (a support-messages export declared absent):
    /// while any is listed, no finding may say the customer did not contact support. Empty by default.
    /// </summary>
    IReadOnlyList<string> UnreadContactSources => [];

    /// <summary>Every order paid by the charge (one checkout may buy several services), oldest first.</summary>
    Task<IReadOnlyList<Order>> OrdersByChargeAsync(string chargeId, CancellationToken cancellationToken);

    /// <summary>Every order paid through the payment intent, oldest first.</summary>
    Task<IReadOnlyList<Order>> OrdersByPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken);

    Task<Order?> FindOrderAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// How many orders were placed in each month (UTC, as <c>yyyy-MM</c>), for the report's disputes
    /// against orders. Not a lookup the evidence gatherer makes: a source may count every order for it.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> OrdersByMonthAsync(CancellationToken cancellationToken);

    /// <summary>The subscription with a renewal charged as <paramref name="chargeId"/>, if any.</summary>
    Task<Subscription?> FindSubscriptionByRenewalChargeAsync(string chargeId, CancellationToken cancellationToken);

    Task<Subscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken);

    Task<Customer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Order>> OrdersOfCustomerAsync(string customerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeliveryEvent>> DeliveryEventsAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Messages tied to the customer id, sent from or to <paramref name="email"/>
    /// (case-insensitive, trimmed), or naming one of <paramref name="orderIds"/>; in time order.
    /// </summary>
    Task<IReadOnlyList<SupportMessage>> SupportMessagesAsync(
        string customerId, string? email, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken);

    Task<PolicyAcceptance?> FindPolicyAcceptanceAsync(string acceptanceId, CancellationToken cancellationToken);

    /// <summary>The latest acceptance by the customer at or before <paramref name="atOrBefore"/>.</summary>
    Task<PolicyAcceptance?> LatestPolicyAcceptanceAsync(string customerId, DateTimeOffset atOrBefore, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccountActivity>> AccountActivityAsync(string customerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Refund>> RefundsAsync(string? orderId, string? subscriptionId, CancellationToken cancellationToken);
}

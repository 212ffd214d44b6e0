using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>The seller's records, failing once on demand as a database that drops a connection does.</summary>
internal sealed class FaultyRecords(IMerchantRecords inner) : IMerchantRecords
{
    private bool _failNext;
    private string? _failCharge;

    public void FailNext() => _failNext = true;

    /// <summary>Fails the next look-up of the orders <paramref name="chargeId"/> paid: one dispute's gathering, whichever the sweep takes first.</summary>
    public void FailNext(string chargeId) => _failCharge = chargeId;

    private T Check<T>(T result)
    {
        if (_failNext)
        {
            _failNext = false;
            throw new IOException("The merchant database closed the connection.");
        }

        return result;
    }

    public async Task<IReadOnlyList<Order>> OrdersByChargeAsync(string chargeId, CancellationToken cancellationToken)
    {
        // Exchanged against the reference read, so that only one look-up takes the fault.
        if (Volatile.Read(ref _failCharge) is { } target && target == chargeId && ReferenceEquals(Interlocked.CompareExchange(ref _failCharge, null, target), target))
        {
            throw new IOException("The merchant database closed the connection.");
        }

        return Check(await inner.OrdersByChargeAsync(chargeId, cancellationToken));
    }

    public async Task<IReadOnlyList<Order>> OrdersByPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken) => Check(await inner.OrdersByPaymentIntentAsync(paymentIntentId, cancellationToken));

    public async Task<Order?> FindOrderAsync(string orderId, CancellationToken cancellationToken) => Check(await inner.FindOrderAsync(orderId, cancellationToken));

    public async Task<Subscription?> FindSubscriptionByRenewalChargeAsync(string chargeId, CancellationToken cancellationToken) => Check(await inner.FindSubscriptionByRenewalChargeAsync(chargeId, cancellationToken));

    public async Task<Subscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) => Check(await inner.FindSubscriptionAsync(subscriptionId, cancellationToken));

    public async Task<Customer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken) => Check(await inner.FindCustomerAsync(customerId, cancellationToken));

    public Task<IReadOnlyDictionary<string, int>> OrdersByMonthAsync(CancellationToken cancellationToken) => inner.OrdersByMonthAsync(cancellationToken);

    public async Task<IReadOnlyList<Order>> OrdersOfCustomerAsync(string customerId, CancellationToken cancellationToken) => Check(await inner.OrdersOfCustomerAsync(customerId, cancellationToken));

    public async Task<IReadOnlyList<DeliveryEvent>> DeliveryEventsAsync(string orderId, CancellationToken cancellationToken) => Check(await inner.DeliveryEventsAsync(orderId, cancellationToken));

    public async Task<IReadOnlyList<SupportMessage>> SupportMessagesAsync(string customerId, string? email, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken) =>
        Check(await inner.SupportMessagesAsync(customerId, email, orderIds, cancellationToken));

    public async Task<PolicyAcceptance?> FindPolicyAcceptanceAsync(string acceptanceId, CancellationToken cancellationToken) => Check(await inner.FindPolicyAcceptanceAsync(acceptanceId, cancellationToken));

    public async Task<PolicyAcceptance?> LatestPolicyAcceptanceAsync(string customerId, DateTimeOffset atOrBefore, CancellationToken cancellationToken) =>
        Check(await inner.LatestPolicyAcceptanceAsync(customerId, atOrBefore, cancellationToken));

    public async Task<IReadOnlyList<AccountActivity>> AccountActivityAsync(string customerId, CancellationToken cancellationToken) => Check(await inner.AccountActivityAsync(customerId, cancellationToken));

    public async Task<IReadOnlyList<Refund>> RefundsAsync(string? orderId, string? subscriptionId, CancellationToken cancellationToken) => Check(await inner.RefundsAsync(orderId, subscriptionId, cancellationToken));
}

using DisputeKit.Core.Merchant;

namespace DisputeKit.MerchantData.Files;

/// <summary>
/// Indexed, read-only merchant records held in memory: what the file source loads into,
/// and what tests build directly.
/// </summary>
public sealed class InMemoryMerchantRecords : IMerchantRecords
{
    private readonly Dictionary<string, Order> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Order>> _ordersByCharge = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Order>> _ordersByIntent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Order>> _ordersByCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DeliveryEvent>> _events = new(StringComparer.Ordinal);
    private readonly List<SupportMessage> _messages = [];
    private readonly Dictionary<string, List<int>> _messagesByCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _messagesByEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _messagesByOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyAcceptance> _acceptances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PolicyAcceptance>> _acceptancesByCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AccountActivity>> _activity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Subscription> _subscriptionsByRenewalCharge = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Refund>> _refundsByOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Refund>> _refundsBySubscription = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public IReadOnlyList<string> UnreadContactSources { get; set; } = [];

    public void Add(Customer customer) => _customers[customer.Id] = customer;

    public bool HasCustomer(string customerId) => _customers.ContainsKey(customerId);

    public void Add(Order order)
    {
        _orders[order.Id] = order;
        if (order.Payment?.StripeChargeId is { Length: > 0 } charge)
        {
            Append(_ordersByCharge, charge, order);
        }

        if (order.Payment?.StripePaymentIntentId is { Length: > 0 } intent)
        {
            Append(_ordersByIntent, intent, order);
        }

        Append(_ordersByCustomer, order.CustomerId, order);
    }

    public void Add(DeliveryEvent deliveryEvent) => Append(_events, deliveryEvent.OrderId, deliveryEvent);

    public void Add(SupportMessage message)
    {
        var index = _messages.Count;
        _messages.Add(message);
        if (message.CustomerId is { Length: > 0 } customer)
        {
            Append(_messagesByCustomer, customer, index);
        }

        if (Emails.Normalize(message.Email) is { } email)
        {
            Append(_messagesByEmail, email, index);
        }

        foreach (var orderId in message.OrderIds ?? [])
        {
            Append(_messagesByOrder, orderId, index);
        }
    }

    public void Add(PolicyAcceptance acceptance)
    {
        _acceptances[acceptance.Id] = acceptance;
        Append(_acceptancesByCustomer, acceptance.CustomerId, acceptance);
    }

    public void Add(AccountActivity activity) => Append(_activity, activity.CustomerId, activity);

    public void Add(Subscription subscription)
    {
        _subscriptions[subscription.Id] = subscription;
        foreach (var renewal in subscription.Renewals)
        {
            if (renewal.StripeChargeId is { Length: > 0 } charge)
            {
                _subscriptionsByRenewalCharge[charge] = subscription;
            }
        }
    }

    public void Add(Refund refund)
    {
        if (refund.OrderId is { Length: > 0 } order)
        {
            Append(_refundsByOrder, order, refund);
        }

        if (refund.SubscriptionId is { Length: > 0 } subscription)
        {
            Append(_refundsBySubscription, subscription, refund);
        }
    }

    public int OrderCount => _orders.Count;

    public Task<IReadOnlyList<Order>> OrdersByChargeAsync(string chargeId, CancellationToken cancellationToken) =>
        Task.FromResult(Oldest(_ordersByCharge.GetValueOrDefault(chargeId)));

    public Task<IReadOnlyList<Order>> OrdersByPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken) =>
        Task.FromResult(Oldest(_ordersByIntent.GetValueOrDefault(paymentIntentId)));

    private static IReadOnlyList<Order> Oldest(List<Order>? orders) =>
        orders is null ? [] : [.. orders.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id, StringComparer.Ordinal)];

    public Task<Order?> FindOrderAsync(string orderId, CancellationToken cancellationToken) =>
        Task.FromResult(_orders.GetValueOrDefault(orderId));

    public Task<Subscription?> FindSubscriptionByRenewalChargeAsync(string chargeId, CancellationToken cancellationToken) =>
        Task.FromResult(_subscriptionsByRenewalCharge.GetValueOrDefault(chargeId));

    public Task<Subscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        Task.FromResult(_subscriptions.GetValueOrDefault(subscriptionId));

    public Task<Customer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult(_customers.GetValueOrDefault(customerId));

    public Task<IReadOnlyList<Order>> OrdersOfCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Order>>(
            [.. _ordersByCustomer.GetValueOrDefault(customerId, []).OrderBy(o => o.CreatedAt)]);

    public Task<IReadOnlyList<DeliveryEvent>> DeliveryEventsAsync(string orderId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeliveryEvent>>(
            [.. _events.GetValueOrDefault(orderId, []).OrderBy(e => e.At)]);

    public Task<IReadOnlyList<SupportMessage>> SupportMessagesAsync(
        string customerId, string? email, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        var hits = new HashSet<int>(_messagesByCustomer.GetValueOrDefault(customerId, []));
        if (Emails.Normalize(email) is { } normalized)
        {
            hits.UnionWith(_messagesByEmail.GetValueOrDefault(normalized, []));
        }

        foreach (var orderId in orderIds)
        {
            hits.UnionWith(_messagesByOrder.GetValueOrDefault(orderId, []));
        }

        return Task.FromResult<IReadOnlyList<SupportMessage>>(
            [.. hits.Select(i => _messages[i]).OrderBy(m => m.At).ThenBy(m => m.Id, StringComparer.Ordinal)]);
    }

    public Task<PolicyAcceptance?> FindPolicyAcceptanceAsync(string acceptanceId, CancellationToken cancellationToken) =>
        Task.FromResult(_acceptances.GetValueOrDefault(acceptanceId));

    public Task<PolicyAcceptance?> LatestPolicyAcceptanceAsync(
        string customerId, DateTimeOffset atOrBefore, CancellationToken cancellationToken) =>
        Task.FromResult(_acceptancesByCustomer.GetValueOrDefault(customerId, [])
            .Where(a => a.AcceptedAt <= atOrBefore)
            .MaxBy(a => a.AcceptedAt));

    public Task<IReadOnlyList<AccountActivity>> AccountActivityAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccountActivity>>(
            [.. _activity.GetValueOrDefault(customerId, []).OrderBy(a => a.At)]);

    public Task<IReadOnlyList<Refund>> RefundsAsync(string? orderId, string? subscriptionId, CancellationToken cancellationToken)
    {
        IEnumerable<Refund> refunds = [];
        if (orderId is not null)
        {
            refunds = refunds.Concat(_refundsByOrder.GetValueOrDefault(orderId, []));
        }

        if (subscriptionId is not null)
        {
            refunds = refunds.Concat(_refundsBySubscription.GetValueOrDefault(subscriptionId, []));
        }

        return Task.FromResult<IReadOnlyList<Refund>>([.. refunds.DistinctBy(r => r.Id).OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal)]);
    }

    /// <summary>Emails compare case-insensitively and without surrounding white space.</summary>
    private static void Append<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        list.Add(value);
    }
}

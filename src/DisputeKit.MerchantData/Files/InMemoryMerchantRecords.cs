using DisputeKit.Core.Merchant;
using Microsoft.Win32.SafeHandles;

namespace DisputeKit.MerchantData.Files;

/// <summary>
/// Indexed, read-only merchant records: what the file source loads into, and what tests build
/// directly. A record added with where its line is (<see cref="RecordLine"/>, as the file source
/// reads JSON Lines) is kept as that position only and read again from the open file when asked
/// for, so memory holds the indexes, not the records; one added without (tests, CSV) is kept as is.
/// </summary>
public sealed class InMemoryMerchantRecords : IMerchantRecords, IDisposable
{
    private readonly Shelf<Order> _orderShelf = new(EntityFile.Orders);
    private readonly Shelf<Customer> _customerShelf = new(EntityFile.Customers);
    private readonly Shelf<DeliveryEvent> _eventShelf = new(EntityFile.DeliveryEvents);
    private readonly Shelf<SupportMessage> _messageShelf = new(EntityFile.SupportMessages);
    private readonly Shelf<PolicyAcceptance> _acceptanceShelf = new(EntityFile.PolicyAcceptances);
    private readonly Shelf<AccountActivity> _activityShelf = new(EntityFile.AccountActivity);
    private readonly Shelf<Subscription> _subscriptionShelf = new(EntityFile.Subscriptions);
    private readonly Shelf<Refund> _refundShelf = new(EntityFile.Refunds);

    private readonly Dictionary<string, int> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _ordersByCharge = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _ordersByIntent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _ordersByCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _messagesByCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _messagesByEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _messagesByOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _acceptances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _acceptancesByCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _activity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _subscriptionsByRenewalCharge = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _refundsByOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _refundsBySubscription = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public IReadOnlyList<string> UnreadContactSources { get; set; } = [];

    public void Add(Customer customer) => Add(customer, null);

    public void Add(Customer customer, RecordLine? at) => _customers[customer.Id] = _customerShelf.Add(customer, at);

    public bool HasCustomer(string customerId) => _customers.ContainsKey(customerId);

    public void Add(Order order) => Add(order, null);

    public void Add(Order order, RecordLine? at)
    {
        var slot = _orderShelf.Add(order, at);
        _orders[order.Id] = slot;
        if (order.Payment?.StripeChargeId is { Length: > 0 } charge)
        {
            Append(_ordersByCharge, charge, slot);
        }

        if (order.Payment?.StripePaymentIntentId is { Length: > 0 } intent)
        {
            Append(_ordersByIntent, intent, slot);
        }

        Append(_ordersByCustomer, order.CustomerId, slot);
    }

    public void Add(DeliveryEvent deliveryEvent) => Add(deliveryEvent, null);

    public void Add(DeliveryEvent deliveryEvent, RecordLine? at) => Append(_events, deliveryEvent.OrderId, _eventShelf.Add(deliveryEvent, at));

    public void Add(SupportMessage message) => Add(message, null);

    public void Add(SupportMessage message, RecordLine? at)
    {
        var slot = _messageShelf.Add(message, at);
        if (message.CustomerId is { Length: > 0 } customer)
        {
            Append(_messagesByCustomer, customer, slot);
        }

        if (Emails.Normalize(message.Email) is { } email)
        {
            Append(_messagesByEmail, email, slot);
        }

        foreach (var orderId in message.OrderIds ?? [])
        {
            Append(_messagesByOrder, orderId, slot);
        }
    }

    public void Add(PolicyAcceptance acceptance) => Add(acceptance, null);

    public void Add(PolicyAcceptance acceptance, RecordLine? at)
    {
        var slot = _acceptanceShelf.Add(acceptance, at);
        _acceptances[acceptance.Id] = slot;
        Append(_acceptancesByCustomer, acceptance.CustomerId, slot);
    }

    public void Add(AccountActivity activity) => Add(activity, null);

    public void Add(AccountActivity activity, RecordLine? at) => Append(_activity, activity.CustomerId, _activityShelf.Add(activity, at));

    public void Add(Subscription subscription) => Add(subscription, null);

    public void Add(Subscription subscription, RecordLine? at)
    {
        var slot = _subscriptionShelf.Add(subscription, at);
        _subscriptions[subscription.Id] = slot;
        foreach (var renewal in subscription.Renewals)
        {
            if (renewal.StripeChargeId is { Length: > 0 } charge)
            {
                _subscriptionsByRenewalCharge[charge] = slot;
            }
        }
    }

    public void Add(Refund refund) => Add(refund, null);

    public void Add(Refund refund, RecordLine? at)
    {
        var slot = _refundShelf.Add(refund, at);
        if (refund.OrderId is { Length: > 0 } order)
        {
            Append(_refundsByOrder, order, slot);
        }

        if (refund.SubscriptionId is { Length: > 0 } subscription)
        {
            Append(_refundsBySubscription, subscription, slot);
        }
    }

    public int OrderCount => _orders.Count;

    public Task<IReadOnlyList<Order>> OrdersByChargeAsync(string chargeId, CancellationToken cancellationToken) =>
        Task.FromResult(Oldest(_ordersByCharge.GetValueOrDefault(chargeId)));

    public Task<IReadOnlyList<Order>> OrdersByPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken) =>
        Task.FromResult(Oldest(_ordersByIntent.GetValueOrDefault(paymentIntentId)));

    private IReadOnlyList<Order> Oldest(List<int>? orders) =>
        orders is null ? [] : [.. _orderShelf.All(orders).OrderBy(o => o.CreatedAt).ThenBy(o => o.Id, StringComparer.Ordinal)];

    public Task<Order?> FindOrderAsync(string orderId, CancellationToken cancellationToken) =>
        Task.FromResult(_orderShelf.Find(_orders, orderId));

    public Task<Subscription?> FindSubscriptionByRenewalChargeAsync(string chargeId, CancellationToken cancellationToken) =>
        Task.FromResult(_subscriptionShelf.Find(_subscriptionsByRenewalCharge, chargeId));

    public Task<Subscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        Task.FromResult(_subscriptionShelf.Find(_subscriptions, subscriptionId));

    public Task<Customer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult(_customerShelf.Find(_customers, customerId));

    public Task<IReadOnlyList<Order>> OrdersOfCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Order>>(
            [.. _orderShelf.All(_ordersByCustomer.GetValueOrDefault(customerId, [])).OrderBy(o => o.CreatedAt)]);

    public Task<IReadOnlyList<DeliveryEvent>> DeliveryEventsAsync(string orderId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeliveryEvent>>(
            [.. _eventShelf.All(_events.GetValueOrDefault(orderId, [])).OrderBy(e => e.At)]);

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
            [.. _messageShelf.All(hits).OrderBy(m => m.At).ThenBy(m => m.Id, StringComparer.Ordinal)]);
    }

    public Task<PolicyAcceptance?> FindPolicyAcceptanceAsync(string acceptanceId, CancellationToken cancellationToken) =>
        Task.FromResult(_acceptanceShelf.Find(_acceptances, acceptanceId));

    public Task<PolicyAcceptance?> LatestPolicyAcceptanceAsync(
        string customerId, DateTimeOffset atOrBefore, CancellationToken cancellationToken) =>
        Task.FromResult(_acceptanceShelf.All(_acceptancesByCustomer.GetValueOrDefault(customerId, []))
            .Where(a => a.AcceptedAt <= atOrBefore)
            .MaxBy(a => a.AcceptedAt));

    public Task<IReadOnlyList<AccountActivity>> AccountActivityAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccountActivity>>(
            [.. _activityShelf.All(_activity.GetValueOrDefault(customerId, [])).OrderBy(a => a.At)]);

    public Task<IReadOnlyList<Refund>> RefundsAsync(string? orderId, string? subscriptionId, CancellationToken cancellationToken)
    {
        IEnumerable<int> slots = [];
        if (orderId is not null)
        {
            slots = slots.Concat(_refundsByOrder.GetValueOrDefault(orderId, []));
        }

        if (subscriptionId is not null)
        {
            slots = slots.Concat(_refundsBySubscription.GetValueOrDefault(subscriptionId, []));
        }

        return Task.FromResult<IReadOnlyList<Refund>>([.. _refundShelf.All(slots.Distinct()).OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Once everything is added: drops the spare room of every list, which otherwise averages a
    /// third of the index (the file source calls this after loading).
    /// </summary>
    public void Trim()
    {
        foreach (var index in new[] { _ordersByCharge, _ordersByIntent, _ordersByCustomer, _events, _messagesByCustomer, _messagesByEmail, _messagesByOrder, _acceptancesByCustomer, _activity, _refundsByOrder, _refundsBySubscription })
        {
            foreach (var list in index.Values)
            {
                list.TrimExcess();
            }

            index.TrimExcess();
        }

        _orders.TrimExcess();
        _customers.TrimExcess();
        _acceptances.TrimExcess();
        _subscriptions.TrimExcess();
        _subscriptionsByRenewalCharge.TrimExcess();
        _orderShelf.Trim();
        _customerShelf.Trim();
        _eventShelf.Trim();
        _messageShelf.Trim();
        _acceptanceShelf.Trim();
        _activityShelf.Trim();
        _subscriptionShelf.Trim();
        _refundShelf.Trim();
    }

    public void Dispose()
    {
        _orderShelf.Dispose();
        _customerShelf.Dispose();
        _eventShelf.Dispose();
        _messageShelf.Dispose();
        _acceptanceShelf.Dispose();
        _activityShelf.Dispose();
        _subscriptionShelf.Dispose();
        _refundShelf.Dispose();
    }

    private static void Append(Dictionary<string, List<int>> index, string key, int slot)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        list.Add(slot);
    }

    /// <summary>
    /// The records of one entity by slot: each kept as it is (tests, CSV), or — once the first
    /// record comes with where its line is — every one as its line's position in the entity's
    /// file, packed in one long (offset and length), read with positional reads from the file
    /// held open, so parallel sweeps read at once.
    /// </summary>
    private sealed class Shelf<T>(EntityFile entity) : IDisposable
        where T : class
    {
        private const int LengthBits = 24;
        private readonly List<T> _kept = [];
        private readonly List<long> _lines = [];
        private SafeFileHandle? _file;
        private string? _path;

        public int Add(T item, RecordLine? at)
        {
            if (at is not { } line)
            {
                if (_file is not null)
                {
                    throw new InvalidOperationException($"{entity.Name}: a record without its line after records read from {_path}.");
                }

                _kept.Add(item);
                return _kept.Count - 1;
            }

            if (_file is null)
            {
                if (_kept.Count > 0)
                {
                    throw new InvalidOperationException($"{entity.Name}: records read from {line.Path} after records kept whole.");
                }

                // Opened once, for as long as the records are used; a file renamed over it meanwhile leaves this one readable.
                _file = File.OpenHandle(line.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                _path = line.Path;
            }
            else if (!string.Equals(_path, line.Path, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{entity.Name} is read from {_path}, not {line.Path}.");
            }

            if (line.Length >= 1 << LengthBits || line.Offset >= 1L << (63 - LengthBits))
            {
                throw new InvalidDataException($"{line.Path}: the line at byte {line.Offset} is {line.Length:N0} bytes; a record line may be at most {(1 << LengthBits) - 1:N0}.");
            }

            _lines.Add((line.Offset << LengthBits) | (uint)line.Length);
            return _lines.Count - 1;
        }

        public T Get(int slot)
        {
            if (_file is null)
            {
                return _kept[slot];
            }

            var packed = _lines[slot];
            return JsonLinesReader.ReadAt<T>(_file, new RecordLine(_path!, packed >> LengthBits, (int)(packed & ((1 << LengthBits) - 1))), entity);
        }

        public T? Find(Dictionary<string, int> index, string key) => index.TryGetValue(key, out var slot) ? Get(slot) : null;

        public IEnumerable<T> All(IEnumerable<int> slots) => slots.Select(Get);

        /// <summary>Drops the room lists keep for growth, once everything is loaded.</summary>
        public void Trim()
        {
            _kept.TrimExcess();
            _lines.TrimExcess();
        }

        public void Dispose() => _file?.Dispose();
    }
}

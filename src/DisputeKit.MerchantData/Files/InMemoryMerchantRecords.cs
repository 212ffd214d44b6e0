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

    // Every index maps a key's hash to slots; what a lookup finds is checked against the record
    // itself, so the indexes hold no key strings (two million records of a 10,000-dispute export
    // would otherwise keep most of a million of them). Customers, few and asked for by id while
    // loading (every order must name one), keep theirs.
    private readonly Dictionary<string, int> _customers = new(StringComparer.Ordinal);
    /// <summary>Orders by the month they were placed, counted as they are added.</summary>
    private readonly Dictionary<string, int> _ordersByMonth = new(StringComparer.Ordinal);
    private readonly HashIndex _orders = new();
    private readonly HashIndex _ordersByCharge = new();
    private readonly HashIndex _ordersByIntent = new();
    private readonly HashIndex _ordersByCustomer = new();
    private readonly HashIndex _events = new();
    private readonly HashIndex _messagesByCustomer = new();
    private readonly HashIndex _messagesByEmail = new();
    private readonly HashIndex _messagesByOrder = new();
    private readonly HashIndex _acceptances = new();
    private readonly HashIndex _acceptancesByCustomer = new();
    private readonly HashIndex _activity = new();
    private readonly HashIndex _subscriptions = new();
    private readonly HashIndex _subscriptionsByRenewalCharge = new();
    private readonly HashIndex _refundsByOrder = new();
    private readonly HashIndex _refundsBySubscription = new();

    /// <inheritdoc/>
    public IReadOnlyList<string> UnreadContactSources { get; set; } = [];

    public void Add(Customer customer) => Add(customer, null);

    public void Add(Customer customer, RecordLine? at) => _customers[customer.Id] = _customerShelf.Add(customer, at);

    public bool HasCustomer(string customerId) => _customers.ContainsKey(customerId);

    public void Add(Order order) => Add(order, null);

    public void Add(Order order, RecordLine? at)
    {
        ArgumentNullException.ThrowIfNull(order);
        var month = order.CreatedAt.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        lock (_ordersByMonth)
        {
            _ordersByMonth[month] = _ordersByMonth.GetValueOrDefault(month) + 1;
        }

        var slot = _orderShelf.Add(order, at);
        _orders.Add(order.Id, slot);
        if (order.Payment?.StripeChargeId is { Length: > 0 } charge)
        {
            _ordersByCharge.Add(charge, slot);
        }

        if (order.Payment?.StripePaymentIntentId is { Length: > 0 } intent)
        {
            _ordersByIntent.Add(intent, slot);
        }

        _ordersByCustomer.Add(order.CustomerId, slot);
    }

    public void Add(DeliveryEvent deliveryEvent) => Add(deliveryEvent, null);

    public void Add(DeliveryEvent deliveryEvent, RecordLine? at) => _events.Add(deliveryEvent.OrderId, _eventShelf.Add(deliveryEvent, at));

    public void Add(SupportMessage message) => Add(message, null);

    public void Add(SupportMessage message, RecordLine? at)
    {
        var slot = _messageShelf.Add(message, at);
        if (message.CustomerId is { Length: > 0 } customer)
        {
            _messagesByCustomer.Add(customer, slot);
        }

        if (Emails.Normalize(message.Email) is { } email)
        {
            _messagesByEmail.Add(email, slot);
        }

        foreach (var orderId in message.OrderIds ?? [])
        {
            _messagesByOrder.Add(orderId, slot);
        }
    }

    public void Add(PolicyAcceptance acceptance) => Add(acceptance, null);

    public void Add(PolicyAcceptance acceptance, RecordLine? at)
    {
        var slot = _acceptanceShelf.Add(acceptance, at);
        _acceptances.Add(acceptance.Id, slot);
        _acceptancesByCustomer.Add(acceptance.CustomerId, slot);
    }

    public void Add(AccountActivity activity) => Add(activity, null);

    public void Add(AccountActivity activity, RecordLine? at) => _activity.Add(activity.CustomerId, _activityShelf.Add(activity, at));

    public void Add(Subscription subscription) => Add(subscription, null);

    public void Add(Subscription subscription, RecordLine? at)
    {
        var slot = _subscriptionShelf.Add(subscription, at);
        _subscriptions.Add(subscription.Id, slot);
        foreach (var renewal in subscription.Renewals)
        {
            if (renewal.StripeChargeId is { Length: > 0 } charge)
            {
                _subscriptionsByRenewalCharge.Add(charge, slot);
            }
        }
    }

    public void Add(Refund refund) => Add(refund, null);

    public void Add(Refund refund, RecordLine? at)
    {
        var slot = _refundShelf.Add(refund, at);
        if (refund.OrderId is { Length: > 0 } order)
        {
            _refundsByOrder.Add(order, slot);
        }

        if (refund.SubscriptionId is { Length: > 0 } subscription)
        {
            _refundsBySubscription.Add(subscription, slot);
        }
    }

    public Task<IReadOnlyList<Order>> OrdersByChargeAsync(string chargeId, CancellationToken cancellationToken) =>
        Task.FromResult(Oldest(_orderShelf.Where(_ordersByCharge, chargeId, o => o.Payment?.StripeChargeId == chargeId)));

    public Task<IReadOnlyList<Order>> OrdersByPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken) =>
        Task.FromResult(Oldest(_orderShelf.Where(_ordersByIntent, paymentIntentId, o => o.Payment?.StripePaymentIntentId == paymentIntentId)));

    private static IReadOnlyList<Order> Oldest(IEnumerable<Order> orders) =>
        [.. orders.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id, StringComparer.Ordinal)];

    public Task<Order?> FindOrderAsync(string orderId, CancellationToken cancellationToken) =>
        Task.FromResult(_orderShelf.Find(_orders, orderId, o => o.Id == orderId));

    public Task<Subscription?> FindSubscriptionByRenewalChargeAsync(string chargeId, CancellationToken cancellationToken) =>
        Task.FromResult(_subscriptionShelf.Find(_subscriptionsByRenewalCharge, chargeId, s => s.Renewals.Any(r => r.StripeChargeId == chargeId)));

    public Task<Subscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        Task.FromResult(_subscriptionShelf.Find(_subscriptions, subscriptionId, s => s.Id == subscriptionId));

    public Task<Customer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult(_customers.TryGetValue(customerId, out var slot) ? _customerShelf.Get(slot) : null);

    public Task<IReadOnlyList<Order>> OrdersOfCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Order>>(
            [.. _orderShelf.Where(_ordersByCustomer, customerId, o => o.CustomerId == customerId).OrderBy(o => o.CreatedAt)]);

    public Task<IReadOnlyList<DeliveryEvent>> DeliveryEventsAsync(string orderId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeliveryEvent>>(
            [.. _eventShelf.Where(_events, orderId, e => e.OrderId == orderId).OrderBy(e => e.At)]);

    public Task<IReadOnlyDictionary<string, int>> OrdersByMonthAsync(CancellationToken cancellationToken)
    {
        lock (_ordersByMonth)
        {
            return Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(_ordersByMonth, StringComparer.Ordinal));
        }
    }

    public Task<IReadOnlyList<SupportMessage>> SupportMessagesAsync(
        string customerId, string? email, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        var normalized = Emails.Normalize(email);
        var hits = new HashSet<int>(_messagesByCustomer.Candidates(customerId));
        if (normalized is not null)
        {
            hits.UnionWith(_messagesByEmail.Candidates(normalized));
        }

        foreach (var orderId in orderIds)
        {
            hits.UnionWith(_messagesByOrder.Candidates(orderId));
        }

        // A hash shared with another key finds that key's messages too: only those about this customer, address or order count.
        return Task.FromResult<IReadOnlyList<SupportMessage>>(
            [.. _messageShelf.All(hits)
                .Where(m => m.CustomerId == customerId || (normalized is not null && Emails.Normalize(m.Email) == normalized) || (m.OrderIds ?? []).Any(orderIds.Contains))
                .OrderBy(m => m.At).ThenBy(m => m.Id, StringComparer.Ordinal)]);
    }

    public Task<PolicyAcceptance?> FindPolicyAcceptanceAsync(string acceptanceId, CancellationToken cancellationToken) =>
        Task.FromResult(_acceptanceShelf.Find(_acceptances, acceptanceId, a => a.Id == acceptanceId));

    public Task<PolicyAcceptance?> LatestPolicyAcceptanceAsync(
        string customerId, DateTimeOffset atOrBefore, CancellationToken cancellationToken) =>
        Task.FromResult(_acceptanceShelf.Where(_acceptancesByCustomer, customerId, a => a.CustomerId == customerId)
            .Where(a => a.AcceptedAt <= atOrBefore)
            .MaxBy(a => a.AcceptedAt));

    public Task<IReadOnlyList<AccountActivity>> AccountActivityAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccountActivity>>(
            [.. _activityShelf.Where(_activity, customerId, a => a.CustomerId == customerId).OrderBy(a => a.At)]);

    public Task<IReadOnlyList<Refund>> RefundsAsync(string? orderId, string? subscriptionId, CancellationToken cancellationToken)
    {
        IEnumerable<int> slots = [];
        if (orderId is not null)
        {
            slots = slots.Concat(_refundsByOrder.Candidates(orderId));
        }

        if (subscriptionId is not null)
        {
            slots = slots.Concat(_refundsBySubscription.Candidates(subscriptionId));
        }

        return Task.FromResult<IReadOnlyList<Refund>>([.. _refundShelf.All(slots.Distinct())
            .Where(r => (orderId is not null && r.OrderId == orderId) || (subscriptionId is not null && r.SubscriptionId == subscriptionId))
            .OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Once everything is added: drops the spare room of every list, which otherwise averages a
    /// third of the index (the file source calls this after loading).
    /// </summary>
    public void Trim()
    {
        _customers.TrimExcess();
        foreach (var index in new[] { _orders, _ordersByCharge, _ordersByIntent, _ordersByCustomer, _events, _messagesByCustomer, _messagesByEmail, _messagesByOrder,
            _acceptances, _acceptancesByCustomer, _activity, _subscriptions, _subscriptionsByRenewalCharge, _refundsByOrder, _refundsBySubscription })
        {
            index.Freeze();
        }

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

    /// <summary>
    /// Slots by a key's hash (ordinal, this process's): the candidates for a key, which the caller
    /// checks against the records. Kept as two parallel arrays sorted by hash (8 bytes an entry,
    /// found by binary search), not an array per key: at two million records that is the
    /// difference between about 20 and 60 MB. Entries added since the last freeze are merged in
    /// before the next lookup (loading adds everything first, then freezes once).
    /// </summary>
    private sealed class HashIndex
    {
        private readonly Lock _gate = new();
        private Sorted _sorted = new([], []);
        private List<long> _added = [];

        /// <summary>The frozen entries, replaced whole, so a lookup never sees one array of one freeze and one of another.</summary>
        private sealed record Sorted(int[] Hashes, int[] Slots);

        public void Add(string key, int slot)
        {
            lock (_gate)
            {
                // The hash in the high half and the slot in the low half: sorting these sorts by hash, then by slot.
                _added.Add(((long)StringComparer.Ordinal.GetHashCode(key) << 32) | (uint)slot);
            }
        }

        /// <summary>The slots added under <paramref name="key"/>'s hash, in the order added.</summary>
        public List<int> Candidates(string key)
        {
            if (Volatile.Read(ref _added).Count > 0)
            {
                Freeze();
            }

            var (hashes, slots) = Volatile.Read(ref _sorted);
            var hash = StringComparer.Ordinal.GetHashCode(key);
            var first = LowerBound(hashes, hash);
            var found = new List<int>();
            for (var i = first; i < hashes.Length && hashes[i] == hash; i++)
            {
                found.Add(slots[i]);
            }

            return found;
        }

        public void Freeze()
        {
            lock (_gate)
            {
                if (_added.Count == 0)
                {
                    return;
                }

                var (frozenHashes, frozenSlots) = _sorted;
                var entries = new long[frozenHashes.Length + _added.Count];
                for (var i = 0; i < frozenHashes.Length; i++)
                {
                    entries[i] = ((long)frozenHashes[i] << 32) | (uint)frozenSlots[i];
                }

                _added.CopyTo(entries, frozenHashes.Length);
                Array.Sort(entries);
                var hashes = new int[entries.Length];
                var slots = new int[entries.Length];
                for (var i = 0; i < entries.Length; i++)
                {
                    hashes[i] = (int)(entries[i] >> 32);
                    slots[i] = (int)(entries[i] & 0xFFFFFFFF);
                }

                Volatile.Write(ref _sorted, new Sorted(hashes, slots));
                Volatile.Write(ref _added, []);
            }
        }

        private static int LowerBound(int[] sorted, int value)
        {
            var (low, high) = (0, sorted.Length);
            while (low < high)
            {
                var middle = low + ((high - low) >> 1);
                if (sorted[middle] < value)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
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

        /// <summary>The record <paramref name="key"/> names (the last one added, as a repeated id replaces the one before).</summary>
        public T? Find(HashIndex index, string key, Func<T, bool> isIt) => Where(index, key, isIt).LastOrDefault();

        /// <summary>The records the index holds under <paramref name="key"/>'s hash that are really <paramref name="key"/>'s, in the order added.</summary>
        public IEnumerable<T> Where(HashIndex index, string key, Func<T, bool> isIt) => All(index.Candidates(key).Order()).Where(isIt);

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

using DisputeKit.Core.Merchant;
using DisputeKit.MerchantData.Files;
using Npgsql;
using NpgsqlTypes;

namespace DisputeKit.MerchantData.Postgres;

/// <summary>One column of a merchant table: its name, type, and how an entity fills it.</summary>
internal sealed record Column<T>(string Name, NpgsqlDbType Type, Func<T, object?> Get);

/// <summary>
/// How one entity of the merchant-data format sits in its table. The columns are listed once, in
/// table order: the importer writes them in this order and <see cref="Read"/> reads them back in it.
/// </summary>
internal sealed record Table<T>(string Name, EntityFile File, bool KeyedById, IReadOnlyList<Column<T>> Columns, Func<Row, T> Read)
{
    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));
}

/// <summary>Reads a result row column by column, in the order the table lists them.</summary>
internal sealed class Row(NpgsqlDataReader reader, int first = 0)
{
    private int _next = first;

    public string S() => reader.GetString(_next++);

    public string? N() => reader.IsDBNull(_next) ? Skip<string>() : reader.GetString(_next++);

    public long L() => reader.GetInt64(_next++);

    public long? NL() => reader.IsDBNull(_next) ? Skip<long?>() : reader.GetInt64(_next++);

    public double? ND() => reader.IsDBNull(_next) ? Skip<double?>() : reader.GetDouble(_next++);

    public DateTimeOffset T() => reader.GetFieldValue<DateTimeOffset>(_next++);

    public DateTimeOffset? NT() => reader.IsDBNull(_next) ? Skip<DateTimeOffset?>() : reader.GetFieldValue<DateTimeOffset>(_next++);

    public string[]? NA() => reader.IsDBNull(_next) ? Skip<string[]>() : reader.GetFieldValue<string[]>(_next++);

    private TValue? Skip<TValue>()
    {
        _next++;
        return default;
    }
}

/// <summary>The merchant-data entities as tables.</summary>
internal static class MerchantTables
{
    private const NpgsqlDbType Text = NpgsqlDbType.Text;
    private const NpgsqlDbType Time = NpgsqlDbType.TimestampTz;
    private const NpgsqlDbType Long = NpgsqlDbType.Bigint;
    private const NpgsqlDbType Double = NpgsqlDbType.Double;

    public static Table<Customer> Customers { get; } = new("customers", EntityFile.Customers, true,
    [
        new("id", Text, c => c.Id),
        new("email", Text, c => c.Email),
        new("name", Text, c => c.Name),
        new("locale", Text, c => c.Locale),
        new("country", Text, c => c.Country),
        new("created_at", Time, c => c.CreatedAt),
        new("stripe_customer_id", Text, c => c.StripeCustomerId),
        new("status", Text, c => c.Status),
    ], r => new Customer
    {
        Id = r.S(), Email = r.S(), Name = r.N(), Locale = r.N(), Country = r.N(), CreatedAt = r.T(), StripeCustomerId = r.N(), Status = r.N(),
    });

    public static Table<Order> Orders { get; } = new("orders", EntityFile.Orders, true,
    [
        new("id", Text, o => o.Id),
        new("customer_id", Text, o => o.CustomerId),
        new("created_at", Time, o => o.CreatedAt),
        new("service_id", Text, o => o.Service.Id),
        new("service_name", Text, o => o.Service.Name),
        new("service_platform", Text, o => o.Service.Platform),
        new("service_kind", Text, o => o.Service.Kind),
        new("service_start_within_hours", Double, o => o.Service.StartWithinHours),
        new("service_refill_days", Double, o => o.Service.RefillDays),
        new("service_target_country", Text, o => o.Service.TargetCountry),
        new("link", Text, o => o.Link),
        new("quantity", Long, o => o.Quantity),
        new("amount", Long, o => o.Amount),
        new("currency", Text, o => o.Currency),
        new("status", Text, o => o.Status),
        new("start_count", Long, o => o.StartCount),
        new("delivered", Long, o => o.Delivered),
        new("started_at", Time, o => o.StartedAt),
        new("completed_at", Time, o => o.CompletedAt),
        new("payment_stripe_charge_id", Text, o => o.Payment?.StripeChargeId),
        new("payment_stripe_payment_intent_id", Text, o => o.Payment?.StripePaymentIntentId),
        new("payment_purchase_ip", Text, o => o.Payment?.PurchaseIp),
        new("payment_device_fingerprint", Text, o => o.Payment?.DeviceFingerprint),
        new("payment_device_id", Text, o => o.Payment?.DeviceId),
        new("payment_user_agent", Text, o => o.Payment?.UserAgent),
        new("subscription_id", Text, o => o.SubscriptionId),
        new("policy_acceptance_id", Text, o => o.PolicyAcceptanceId),
    ], r => new Order
    {
        Id = r.S(),
        CustomerId = r.S(),
        CreatedAt = r.T(),
        Service = new ServiceInfo
        {
            Id = r.S(), Name = r.S(), Platform = r.N(), Kind = r.S(), StartWithinHours = r.ND(), RefillDays = r.ND(), TargetCountry = r.N(),
        },
        Link = r.N(),
        Quantity = r.L(),
        Amount = r.L(),
        Currency = r.S(),
        Status = r.S(),
        StartCount = r.NL(),
        Delivered = r.NL(),
        StartedAt = r.NT(),
        CompletedAt = r.NT(),
        Payment = Payment(r.N(), r.N(), r.N(), r.N(), r.N(), r.N()),
        SubscriptionId = r.N(),
        PolicyAcceptanceId = r.N(),
    });

    public static Table<DeliveryEvent> DeliveryEvents { get; } = new("delivery_events", EntityFile.DeliveryEvents, false,
    [
        new("order_id", Text, e => e.OrderId),
        new("at", Time, e => e.At),
        new("type", Text, e => e.Type),
        new("delivered", Long, e => e.Delivered),
        new("observed_count", Long, e => e.ObservedCount),
        new("note", Text, e => e.Note),
    ], r => new DeliveryEvent { OrderId = r.S(), At = r.T(), Type = r.S(), Delivered = r.NL(), ObservedCount = r.NL(), Note = r.N() });

    public static Table<SupportMessage> SupportMessages { get; } = new("support_messages", EntityFile.SupportMessages, true,
    [
        new("id", Text, m => m.Id),
        new("thread_id", Text, m => m.ThreadId),
        new("customer_id", Text, m => m.CustomerId),
        new("email", Text, m => m.Email),
        new("channel", Text, m => m.Channel),
        new("direction", Text, m => m.Direction),
        new("at", Time, m => m.At),
        new("order_ids", NpgsqlDbType.Array | Text, m => m.OrderIds?.ToArray()),
        new("subject", Text, m => m.Subject),
        new("body", Text, m => m.Body),
        new("agent", Text, m => m.Agent),
    ], r => new SupportMessage
    {
        Id = r.S(), ThreadId = r.N(), CustomerId = r.N(), Email = r.N(), Channel = r.S(), Direction = r.S(), At = r.T(),
        OrderIds = r.NA(), Subject = r.N(), Body = r.S(), Agent = r.N(),
    });

    public static Table<PolicyAcceptance> PolicyAcceptances { get; } = new("policy_acceptances", EntityFile.PolicyAcceptances, true,
    [
        new("id", Text, a => a.Id),
        new("customer_id", Text, a => a.CustomerId),
        new("order_id", Text, a => a.OrderId),
        new("policy", Text, a => a.Policy),
        new("version", Text, a => a.Version),
        new("locale", Text, a => a.Locale),
        new("accepted_at", Time, a => a.AcceptedAt),
        new("ip", Text, a => a.Ip),
        new("user_agent", Text, a => a.UserAgent),
    ], r => new PolicyAcceptance
    {
        Id = r.S(), CustomerId = r.S(), OrderId = r.N(), Policy = r.S(), Version = r.S(), Locale = r.S(), AcceptedAt = r.T(), Ip = r.N(), UserAgent = r.N(),
    });

    public static Table<AccountActivity> AccountActivity { get; } = new("account_activity", EntityFile.AccountActivity, false,
    [
        new("customer_id", Text, a => a.CustomerId),
        new("at", Time, a => a.At),
        new("type", Text, a => a.Type),
        new("ip", Text, a => a.Ip),
        new("device_fingerprint", Text, a => a.DeviceFingerprint),
        new("user_agent", Text, a => a.UserAgent),
    ], r => new AccountActivity { CustomerId = r.S(), At = r.T(), Type = r.S(), Ip = r.N(), DeviceFingerprint = r.N(), UserAgent = r.N() });

    /// <summary>Read without renewals; <see cref="PostgresMerchantRecords"/> adds them from <see cref="Renewals"/>.</summary>
    public static Table<Subscription> Subscriptions { get; } = new("subscriptions", EntityFile.Subscriptions, true,
    [
        new("id", Text, s => s.Id),
        new("customer_id", Text, s => s.CustomerId),
        new("service_id", Text, s => s.Service?.Id),
        new("service_name", Text, s => s.Service?.Name),
        new("service_kind", Text, s => s.Service?.Kind),
        new("status", Text, s => s.Status),
        new("created_at", Time, s => s.CreatedAt),
        new("canceled_at", Time, s => s.CanceledAt),
        new("interval", Text, s => s.Interval),
    ], r => new Subscription
    {
        Id = r.S(),
        CustomerId = r.S(),
        Service = SubscriptionService(r.N(), r.N(), r.N()),
        Status = r.S(),
        CreatedAt = r.NT(),
        CanceledAt = r.NT(),
        Interval = r.N(),
    });

    /// <summary>A subscription's renewals, one row each, keyed by the subscription.</summary>
    public static Table<(string SubscriptionId, SubscriptionRenewal Renewal)> Renewals { get; } = new("subscription_renewals", EntityFile.Subscriptions, false,
    [
        new("subscription_id", Text, x => x.SubscriptionId),
        new("at", Time, x => x.Renewal.At),
        new("amount", Long, x => x.Renewal.Amount),
        new("currency", Text, x => x.Renewal.Currency),
        new("stripe_charge_id", Text, x => x.Renewal.StripeChargeId),
    ], r => (r.S(), new SubscriptionRenewal { At = r.T(), Amount = r.L(), Currency = r.S(), StripeChargeId = r.N() }));

    public static Table<Refund> Refunds { get; } = new("refunds", EntityFile.Refunds, true,
    [
        new("id", Text, x => x.Id),
        new("order_id", Text, x => x.OrderId),
        new("subscription_id", Text, x => x.SubscriptionId),
        new("at", Time, x => x.At),
        new("amount", Long, x => x.Amount),
        new("currency", Text, x => x.Currency),
        new("reason", Text, x => x.Reason),
        new("stripe_refund_id", Text, x => x.StripeRefundId),
    ], r => new Refund
    {
        Id = r.S(), OrderId = r.N(), SubscriptionId = r.N(), At = r.T(), Amount = r.L(), Currency = r.S(), Reason = r.N(), StripeRefundId = r.N(),
    });

    /// <summary>Every table, in the order the importer fills them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Customers.Name, Orders.Name, DeliveryEvents.Name, SupportMessages.Name, PolicyAcceptances.Name,
        AccountActivity.Name, Subscriptions.Name, Renewals.Name, Refunds.Name,
    ];

    private static PaymentInfo? Payment(string? charge, string? intent, string? ip, string? fingerprint, string? deviceId, string? userAgent) =>
        charge is null && intent is null && ip is null && fingerprint is null && deviceId is null && userAgent is null
            ? null
            : new PaymentInfo
            {
                StripeChargeId = charge, StripePaymentIntentId = intent, PurchaseIp = ip, DeviceFingerprint = fingerprint, DeviceId = deviceId, UserAgent = userAgent,
            };

    private static SubscriptionService? SubscriptionService(string? id, string? name, string? kind) =>
        id is null && name is null && kind is null ? null : new SubscriptionService { Id = id, Name = name, Kind = kind };
}

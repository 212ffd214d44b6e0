using DisputeKit.Core.Merchant;
using Npgsql;
using NpgsqlTypes;

namespace DisputeKit.MerchantData.Postgres;

/// <summary>
/// The seller's records read from PostgreSQL (<see cref="MerchantSchema"/>): every method one
/// indexed query, nothing held in memory between calls.
/// </summary>
public sealed class PostgresMerchantRecords : IMerchantRecords
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    /// <inheritdoc/>
    public IReadOnlyList<string> UnreadContactSources { get; set; } = [];

    public PostgresMerchantRecords(NpgsqlDataSource dataSource, string schema)
    {
        _dataSource = dataSource;
        _schema = MerchantSchema.Identifier(schema);
    }

    public Task<IReadOnlyList<Order>> OrdersByChargeAsync(string chargeId, CancellationToken cancellationToken) =>
        QueryAsync(MerchantTables.Orders, "where payment_stripe_charge_id = $1 order by created_at, id", cancellationToken, Text(chargeId));

    public Task<IReadOnlyList<Order>> OrdersByPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken) =>
        QueryAsync(MerchantTables.Orders, "where payment_stripe_payment_intent_id = $1 order by created_at, id", cancellationToken, Text(paymentIntentId));

    public async Task<Order?> FindOrderAsync(string orderId, CancellationToken cancellationToken) =>
        await OneAsync(MerchantTables.Orders, "where id = $1", cancellationToken, Text(orderId));

    public async Task<IReadOnlyDictionary<string, int>> OrdersByMonthAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"select to_char(created_at at time zone 'UTC', 'YYYY-MM'), count(*) from {_schema}.{MerchantTables.Orders.Name} group by 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            months[reader.GetString(0)] = (int)reader.GetInt64(1);
        }

        return months;
    }

    public async Task<Subscription?> FindSubscriptionByRenewalChargeAsync(string chargeId, CancellationToken cancellationToken) =>
        await WithRenewalsAsync(await OneAsync(MerchantTables.Subscriptions,
            $"where id = (select subscription_id from {_schema}.{MerchantTables.Renewals.Name} where stripe_charge_id = $1 limit 1)",
            cancellationToken, Text(chargeId)), cancellationToken);

    public async Task<Subscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        await WithRenewalsAsync(await OneAsync(MerchantTables.Subscriptions, "where id = $1", cancellationToken, Text(subscriptionId)), cancellationToken);

    public async Task<Customer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        await OneAsync(MerchantTables.Customers, "where id = $1", cancellationToken, Text(customerId));

    public Task<IReadOnlyList<Order>> OrdersOfCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        QueryAsync(MerchantTables.Orders, "where customer_id = $1 order by created_at", cancellationToken, Text(customerId));

    public Task<IReadOnlyList<DeliveryEvent>> DeliveryEventsAsync(string orderId, CancellationToken cancellationToken) =>
        QueryAsync(MerchantTables.DeliveryEvents, "where order_id = $1 order by at", cancellationToken, Text(orderId));

    public Task<IReadOnlyList<SupportMessage>> SupportMessagesAsync(
        string customerId, string? email, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken) =>
        QueryAsync(MerchantTables.SupportMessages,
            $"where customer_id = $1 or {MerchantSchema.EmailKey} = $2 or order_ids && $3 order by at, id collate \"C\"",
            cancellationToken,
            Text(customerId),
            Text(Emails.Normalize(email)),
            new NpgsqlParameter { Value = orderIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });

    public async Task<PolicyAcceptance?> FindPolicyAcceptanceAsync(string acceptanceId, CancellationToken cancellationToken) =>
        await OneAsync(MerchantTables.PolicyAcceptances, "where id = $1", cancellationToken, Text(acceptanceId));

    public async Task<PolicyAcceptance?> LatestPolicyAcceptanceAsync(string customerId, DateTimeOffset atOrBefore, CancellationToken cancellationToken) =>
        await OneAsync(MerchantTables.PolicyAcceptances, "where customer_id = $1 and accepted_at <= $2 order by accepted_at desc limit 1",
            cancellationToken, Text(customerId), new NpgsqlParameter { Value = atOrBefore.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });

    public Task<IReadOnlyList<AccountActivity>> AccountActivityAsync(string customerId, CancellationToken cancellationToken) =>
        QueryAsync(MerchantTables.AccountActivity, "where customer_id = $1 order by at", cancellationToken, Text(customerId));

    public Task<IReadOnlyList<Refund>> RefundsAsync(string? orderId, string? subscriptionId, CancellationToken cancellationToken) =>
        QueryAsync(MerchantTables.Refunds, "where order_id = $1 or subscription_id = $2 order by at, id collate \"C\"", cancellationToken, Text(orderId), Text(subscriptionId));

    private async Task<Subscription?> WithRenewalsAsync(Subscription? subscription, CancellationToken cancellationToken)
    {
        if (subscription is null)
        {
            return null;
        }

        var renewals = await QueryAsync(MerchantTables.Renewals, "where subscription_id = $1 order by at", cancellationToken, Text(subscription.Id));
        return subscription with { Renewals = [.. renewals.Select(r => r.Renewal)] };
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(Table<T> table, string where, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = _dataSource.CreateCommand($"select {table.ColumnList} from {_schema}.{table.Name} {where}");
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(table.Read(new Row(reader)));
        }

        return rows;
    }

    private async Task<T?> OneAsync<T>(Table<T> table, string where, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var rows = await QueryAsync(table, where, cancellationToken, parameters);
        return rows.Count > 0 ? rows[0] : default;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}

using DisputeKit.Core.Merchant;
using DisputeKit.MerchantData.Files;
using Npgsql;
using NpgsqlTypes;

namespace DisputeKit.MerchantData.Postgres;

/// <summary>
/// Loads a merchant-data folder into PostgreSQL, replacing what the merchant tables held, in one
/// transaction: readers see the old records while the files are staged, wait while the staged rows
/// move into the tables, and never see a half-loaded export. Lines stream from
/// the files through binary COPY into staging tables, so memory stays flat however large the
/// export; bad lines are reported with file, line and field and the rest loads; a repeated id
/// keeps its first line, as the file source does.
/// </summary>
public sealed class MerchantImporter
{
    private const long ImportLock = 0x4469_7370_496D_7074; // "DispImpt"

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    public MerchantImporter(NpgsqlDataSource dataSource, string schema)
    {
        _dataSource = dataSource;
        _schema = MerchantSchema.Identifier(schema);
    }

    public async Task<LoadReport> ImportAsync(string folder, CancellationToken cancellationToken)
    {
        var export = new MerchantExport(folder);
        await MerchantSchema.MigrateAsync(_dataSource, _schema, cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await ExecuteAsync(connection, $"select pg_advisory_xact_lock({ImportLock})", cancellationToken);
            foreach (var table in MerchantTables.All)
            {
                await ExecuteAsync(connection,
                    $"create temp table stage_{table} (like {_schema}.{table}, line integer not null) on commit drop", cancellationToken);
            }

            await StageAsync(connection, MerchantTables.Customers, export.ReadAsync<Customer>(EntityFile.Customers, cancellationToken), cancellationToken);
            await StageAsync(connection, MerchantTables.Orders, export.ReadAsync<Order>(EntityFile.Orders, cancellationToken), cancellationToken);
            await StageAsync(connection, MerchantTables.DeliveryEvents, export.ReadAsync<DeliveryEvent>(EntityFile.DeliveryEvents, cancellationToken), cancellationToken);
            await StageAsync(connection, MerchantTables.SupportMessages, export.ReadAsync<SupportMessage>(EntityFile.SupportMessages, cancellationToken), cancellationToken);
            await StageAsync(connection, MerchantTables.PolicyAcceptances, export.ReadAsync<PolicyAcceptance>(EntityFile.PolicyAcceptances, cancellationToken), cancellationToken);
            await StageAsync(connection, MerchantTables.AccountActivity, export.ReadAsync<AccountActivity>(EntityFile.AccountActivity, cancellationToken), cancellationToken);
            await StageAsync(connection, MerchantTables.Subscriptions, export.ReadAsync<Subscription>(EntityFile.Subscriptions, cancellationToken), cancellationToken);

            // One COPY at a time per connection: the renewals come from a second, quiet pass over the subscriptions.
            await StageAsync(connection, MerchantTables.Renewals, Renewals(export.ReadAsync<Subscription>(EntityFile.Subscriptions, cancellationToken, quiet: true)), cancellationToken);
            await StageAsync(connection, MerchantTables.Refunds, export.ReadAsync<Refund>(EntityFile.Refunds, cancellationToken), cancellationToken);

            await ExecuteAsync(connection, $"truncate {string.Join(", ", MerchantTables.All.Select(t => $"{_schema}.{t}"))}", cancellationToken);
            await KeepAsync(connection, export, MerchantTables.Customers, cancellationToken);

            // Every order belongs to a known customer, as in the file source: one that does not is
            // reported like a bad line and left out. A message naming an unknown customer is
            // reported and kept: it still counts as contact by its email and order numbers.
            var knownCustomer = $"exists (select 1 from {_schema}.{MerchantTables.Customers.Name} c where c.id = k.customer_id)";
            await ReportUnknownCustomersAsync(connection, export, MerchantTables.Orders, knownCustomer, "this line is left out", cancellationToken);
            await KeepAsync(connection, export, MerchantTables.Orders, cancellationToken, keepWhere: knownCustomer);
            await KeepAsync(connection, export, MerchantTables.DeliveryEvents, cancellationToken);
            await ReportUnknownCustomersAsync(connection, export, MerchantTables.SupportMessages, $"(k.customer_id is null or {knownCustomer})",
                "the message is kept and counts by its email and order numbers", cancellationToken);
            await KeepAsync(connection, export, MerchantTables.SupportMessages, cancellationToken);
            await KeepAsync(connection, export, MerchantTables.PolicyAcceptances, cancellationToken);
            await KeepAsync(connection, export, MerchantTables.AccountActivity, cancellationToken);
            await KeepAsync(connection, export, MerchantTables.Subscriptions, cancellationToken);
            await KeepAsync(connection, export, MerchantTables.Refunds, cancellationToken);

            // The renewals of the subscription lines kept.
            var renewals = MerchantTables.Renewals;
            await ExecuteAsync(connection, $"""
                insert into {_schema}.{renewals.Name} ({renewals.ColumnList})
                select {string.Join(", ", renewals.Columns.Select(c => "r." + c.Name))}
                from stage_{renewals.Name} r
                join (select distinct on (id) id, line from stage_{MerchantTables.Subscriptions.Name} order by id, line) k
                  on k.id = r.subscription_id and k.line = r.line
                """, cancellationToken);

            await transaction.CommitAsync(cancellationToken);
        }

        // A bulk load leaves no statistics, no visibility map and unset hint bits: vacuum now, rather
        // than have the first sweeps pay for it while autovacuum catches up.
        await ExecuteAsync(connection, $"vacuum (analyze) {string.Join(", ", MerchantTables.All.Select(t => $"{_schema}.{t}"))}", cancellationToken);
        return export.Report();
    }

    private static async Task StageAsync<T>(NpgsqlConnection connection, Table<T> table, IAsyncEnumerable<(T Item, int Line)> rows, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            $"copy stage_{table.Name} ({table.ColumnList}, line) from stdin (format binary)", cancellationToken);
        await foreach (var (item, line) in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var column in table.Columns)
            {
                switch (column.Get(item))
                {
                    case null:
                        await writer.WriteNullAsync(cancellationToken);
                        break;
                    case string text:
                        await writer.WriteAsync(text, column.Type, cancellationToken);
                        break;
                    case long number:
                        await writer.WriteAsync(number, column.Type, cancellationToken);
                        break;
                    case double number:
                        await writer.WriteAsync(number, column.Type, cancellationToken);
                        break;
                    case DateTimeOffset time:
                        await writer.WriteAsync(time.ToUniversalTime(), column.Type, cancellationToken);
                        break;
                    case string[] texts:
                        await writer.WriteAsync(texts, column.Type, cancellationToken);
                        break;
                    case var other:
                        throw new InvalidOperationException($"Column {table.Name}.{column.Name} cannot hold a {other.GetType().Name}.");
                }
            }

            await writer.WriteAsync(line, NpgsqlDbType.Integer, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the staged lines of one file into its table (the first line of each id, and of those
    /// only the ones <paramref name="keepWhere"/> accepts, a condition on alias <c>k</c>) and reports the repeats.
    /// </summary>
    private async Task KeepAsync<T>(NpgsqlConnection connection, MerchantExport export, Table<T> table, CancellationToken cancellationToken, string? keepWhere = null)
    {
        var select = $"select {table.ColumnList} from ({FirstLines(table)}) k" + (keepWhere is null ? string.Empty : $" where {keepWhere}");
        await using (var insert = new NpgsqlCommand($"insert into {_schema}.{table.Name} ({table.ColumnList}) {select}", connection))
        {
            export.Kept(table.File, await insert.ExecuteNonQueryAsync(cancellationToken));
        }

        if (!table.KeyedById)
        {
            return;
        }

        await using var repeats = new NpgsqlCommand($"""
            select s.line, s.id, k.first
            from stage_{table.Name} s
            join (select id, min(line) as first from stage_{table.Name} group by id having count(*) > 1) k on k.id = s.id
            where s.line <> k.first
            """, connection);
        await using var reader = await repeats.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            export.Duplicate(table.File, reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2));
        }
    }

    /// <summary>The staged lines that count: the first of each id (a repeat is reported as such, never checked further), with their line numbers.</summary>
    private static string FirstLines<T>(Table<T> table) => table.KeyedById
        ? $"select distinct on (id) {table.ColumnList}, line from stage_{table.Name} order by id, line"
        : $"select {table.ColumnList}, line from stage_{table.Name}";

    /// <summary>Reports, with file, line and field, each line that counts whose customer <paramref name="known"/> (on alias <c>k</c>) does not find.</summary>
    private static async Task ReportUnknownCustomersAsync<T>(
        NpgsqlConnection connection, MerchantExport export, Table<T> table, string known, string consequence, CancellationToken cancellationToken)
    {
        await using var unknown = new NpgsqlCommand($"select k.line, k.customer_id from ({FirstLines(table)}) k where not {known} order by k.line", connection);
        await using var reader = await unknown.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            export.Problem(table.File, reader.GetInt32(0), "customer_id",
                $"customer '{reader.GetString(1)}' is not in {EntityFile.Customers.Name}; {consequence}");
        }
    }

    private static async IAsyncEnumerable<((string, SubscriptionRenewal) Item, int Line)> Renewals(IAsyncEnumerable<(Subscription Item, int Line)> subscriptions)
    {
        await foreach (var (subscription, line) in subscriptions)
        {
            foreach (var renewal in subscription.Renewals)
            {
                yield return ((subscription.Id, renewal), line);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

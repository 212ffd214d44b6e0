using System.Runtime.CompilerServices;
using System.Text.Json;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Json;
using Npgsql;

namespace DisputeKit.Storage.Postgres;

/// <summary>Account flags in <c>dk_flags</c>, one row per flag; at most one open per customer.</summary>
public sealed class PostgresFlagStore(NpgsqlDataSource dataSource) : IFlagStore
{
    public async Task<AccountFlag?> GetOpenAsync(string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadOpenAsync(connection, null, customerId, cancellationToken);
    }

    public async Task SaveAsync(AccountFlag flag, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await WriteAsync(connection, null, flag, cancellationToken);
    }

    public async Task<bool> UpdateOpenAsync(string customerId, Func<AccountFlag?, AccountFlag?> change, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The row may not exist yet, so the customer id itself is locked: two workers flagging one
        // customer at once take turns, and the second sees the first's flag.
        await using (var lockCustomer = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended('dk_flags:' || $1, 0))", connection, transaction))
        {
            lockCustomer.Parameters.Add(new NpgsqlParameter { Value = customerId });
            await lockCustomer.ExecuteNonQueryAsync(cancellationToken);
        }

        if (change(await ReadOpenAsync(connection, transaction, customerId, cancellationToken)) is not { } changed)
        {
            return false;
        }

        await WriteAsync(connection, transaction, changed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<AccountFlag>> HistoryAsync(string customerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select customer_id, record::text from dk_flags where customer_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = customerId });
        return [.. (await ReadAllAsync(command, cancellationToken)).OrderByDescending(f => f.CreatedAt)];
    }

    /// <summary>Open flags a page at a time, by customer id (at most one open flag each), so no reader stays open while the caller works.</summary>
    public async IAsyncEnumerable<AccountFlag> ScanOpenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int Page = 200;
        var after = string.Empty;
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                "select customer_id, record::text from dk_flags where state in ('proposed', 'confirmed') and customer_id > $1 order by customer_id limit $2");
            command.Parameters.Add(new NpgsqlParameter { Value = after });
            command.Parameters.Add(new NpgsqlParameter { Value = Page });
            var page = await ReadAllAsync(command, cancellationToken);
            foreach (var flag in page)
            {
                yield return flag;
            }

            if (page.Count < Page)
            {
                yield break;
            }

            after = page[^1].CustomerId;
        }
    }

    public async Task<IReadOnlyList<AccountFlag>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select customer_id, record::text from dk_flags");
        return [.. (await ReadAllAsync(command, cancellationToken)).OrderBy(f => f.CustomerId, StringComparer.Ordinal).ThenBy(f => f.CreatedAt)];
    }

    private static async Task<List<AccountFlag>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var flags = new List<AccountFlag>();
        while (await reader.ReadAsync(cancellationToken))
        {
            flags.Add(Parse(reader.GetString(0), reader.GetString(1)));
        }

        return flags;
    }

    private static async Task<AccountFlag?> ReadOpenAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string customerId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select record::text from dk_flags where customer_id = $1 and state in ('proposed', 'confirmed')", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = customerId });
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? Parse(customerId, json) : null;
    }

    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, AccountFlag flag, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into dk_flags (flag_id, customer_id, state, severity, record, updated_at) values ($6, $1, $2, $3, $4::jsonb, $5)
            on conflict (flag_id) do update
            set state = excluded.state, severity = excluded.severity, record = excluded.record, updated_at = excluded.updated_at
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = flag.CustomerId });
        command.Parameters.Add(new NpgsqlParameter { Value = flag.State });
        command.Parameters.Add(new NpgsqlParameter { Value = flag.Severity });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(flag, DisputeKitJson.Options) });
        command.Parameters.Add(new NpgsqlParameter { Value = flag.UpdatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = flag.Id });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static AccountFlag Parse(string customerId, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AccountFlag>(json, DisputeKitJson.Options) ?? throw new JsonException("the record is null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Flag of customer {customerId} in dk_flags is not a valid flag record: {e.Message}", e);
        }
    }
}

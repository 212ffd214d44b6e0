using System.Text.Json;
using DisputeKit.Core.Json;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Support;
using Npgsql;
using NpgsqlTypes;

namespace DisputeKit.Storage.Postgres;

/// <summary>Support sources' messages in <c>dk_support_messages</c> (one row per source and message id), positions in <c>dk_support_sources</c>.</summary>
public sealed class PostgresSupportStore(NpgsqlDataSource dataSource) : ISupportStore
{
    public async Task<IReadOnlyList<SupportSourceState>> StatesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select source, position, synced_at, failed_at, problem from dk_support_sources order by source
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<SupportSourceState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new SupportSourceState
            {
                Source = reader.GetString(0),
                Position = reader.IsDBNull(1) ? null : reader.GetString(1),
                SyncedAt = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                FailedAt = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                Problem = reader.IsDBNull(4) ? null : reader.GetString(4),
            });
        }

        return states;
    }

    public async Task SavePageAsync(string source, IReadOnlyList<SupportMessage> messages, string position, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var message in messages)
            {
                var insert = new NpgsqlBatchCommand("""
                    insert into dk_support_messages (source, source_id, email, thread_id, order_ids, at, record, customer_id) values ($1, $2, $3, $4, $5, $6, $7, $8)
                    on conflict (source, source_id) do update set email = excluded.email, thread_id = excluded.thread_id, order_ids = excluded.order_ids, at = excluded.at, record = excluded.record, customer_id = excluded.customer_id
                    """);
                insert.Parameters.Add(new NpgsqlParameter { Value = source });
                insert.Parameters.Add(new NpgsqlParameter { Value = message.SourceId ?? message.Id });
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)message.Email?.Trim().ToLowerInvariant() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)message.ThreadId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                insert.Parameters.Add(new NpgsqlParameter { Value = (message.OrderIds ?? []).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                insert.Parameters.Add(new NpgsqlParameter { Value = message.At.ToUniversalTime() });
                insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.SerializeToUtf8Bytes(message, DisputeKitJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)message.CustomerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                batch.BatchCommands.Add(insert);
            }

            var saved = new NpgsqlBatchCommand("""
                insert into dk_support_sources (source, position) values ($1, $2)
                on conflict (source) do update set position = excluded.position
                """);
            saved.Parameters.Add(new NpgsqlParameter { Value = source });
            saved.Parameters.Add(new NpgsqlParameter { Value = position });
            batch.BatchCommands.Add(saved);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RecordSyncAsync(string source, DateTimeOffset at, string? problem, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(problem is null
            ? "insert into dk_support_sources (source, synced_at) values ($1, $2) on conflict (source) do update set synced_at = excluded.synced_at, failed_at = null, problem = null"
            : "insert into dk_support_sources (source, failed_at, problem) values ($1, $2, $3) on conflict (source) do update set failed_at = excluded.failed_at, problem = excluded.problem");
        command.Parameters.Add(new NpgsqlParameter { Value = source });
        command.Parameters.Add(new NpgsqlParameter { Value = at.ToUniversalTime() });
        if (problem is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = problem });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SupportMessage>> MessagesAsync(string? customerId, IReadOnlyCollection<string> emails, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(orderIds);
        if (customerId is null && emails.Count == 0 && orderIds.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand("""
            with hit as (
                select source, source_id, thread_id from dk_support_messages where email = any($1) or order_ids && $2 or customer_id = $3)
            select m.record::text from dk_support_messages m
            where (m.source, m.source_id) in (select source, source_id from hit)
               or (m.thread_id is not null and (m.source, m.thread_id) in (select source, thread_id from hit where thread_id is not null))
            order by m.at, m.source_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = emails.Select(e => e.Trim().ToLowerInvariant()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = orderIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)customerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<SupportMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(JsonSerializer.Deserialize<SupportMessage>(reader.GetString(0), DisputeKitJson.Options)!);
        }

        return messages;
    }
}

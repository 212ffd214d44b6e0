using DisputeKit.Core.Events;
using Npgsql;

namespace DisputeKit.Storage.Postgres;

/// <summary>
/// Stripe events in <c>dk_events</c>, keyed by event id: the first insert wins, so a redelivery —
/// to this process or to another behind the same load balancer — changes nothing.
/// </summary>
public sealed class PostgresEventStore(NpgsqlDataSource dataSource) : IEventStore
{
    private const string Columns = "id, type, created, object_id, source, received_at, worked_at, result";

    public async Task<bool> RecordAsync(StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        await using var command = dataSource.CreateCommand(
            $"insert into dk_events ({Columns}) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (id) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = stripeEvent.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = stripeEvent.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = stripeEvent.Created });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)stripeEvent.ObjectId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = stripeEvent.Source });
        command.Parameters.Add(new NpgsqlParameter { Value = stripeEvent.ReceivedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)stripeEvent.WorkedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)stripeEvent.Result ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<StripeEvent?> GetAsync(string eventId, CancellationToken cancellationToken) =>
        (await QueryAsync($"select {Columns} from dk_events where id = $1", eventId, cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<StripeEvent>> PendingAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"select {Columns} from dk_events where worked_at is null order by created, id", null, cancellationToken);

    public async Task MarkWorkedAsync(string eventId, string result, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("update dk_events set worked_at = $2, result = $3 where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        command.Parameters.Add(new NpgsqlParameter { Value = result });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new InvalidOperationException($"No event {eventId} was kept.");
        }
    }

    public async Task<DateTimeOffset?> LatestCreatedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select max(created) from dk_events");
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime latest ? new DateTimeOffset(latest, TimeSpan.Zero) : null;
    }

    private async Task<List<StripeEvent>> QueryAsync(string sql, string? id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (id is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
        }

        var events = new List<StripeEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new StripeEvent
            {
                Id = reader.GetString(0),
                Type = reader.GetString(1),
                Created = reader.GetFieldValue<DateTimeOffset>(2),
                ObjectId = reader.IsDBNull(3) ? null : reader.GetString(3),
                Source = reader.GetString(4),
                ReceivedAt = reader.GetFieldValue<DateTimeOffset>(5),
                WorkedAt = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                Result = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        }

        return events;
    }
}

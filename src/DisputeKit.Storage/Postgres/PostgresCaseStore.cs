using System.Globalization;
using System.Text.Json;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using Npgsql;
using NpgsqlTypes;

namespace DisputeKit.Storage.Postgres;

/// <summary>
/// Cases in <c>dk_cases</c> (the record as jsonb, with the columns lookups need), their audit
/// trail one row per transition in <c>dk_case_audit</c>, packs in <c>dk_packs</c>, and claims
/// as row locks on <c>dk_case_claims</c> taken with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed class PostgresCaseStore(NpgsqlDataSource dataSource) : ICaseStore
{
    // The record without its audit trail, then the trail re-assembled from its rows in order.
    private const string SelectCases = """
        select c.dispute_id, c.record::text,
               coalesce((select jsonb_agg(a.entry order by a.seq) from dk_case_audit a where a.dispute_id = c.dispute_id), '[]'::jsonb)::text
        from dk_cases c
        """;

    public async Task<DisputeCase?> GetAsync(string disputeId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectCases + " where c.dispute_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = disputeId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task SaveAsync(DisputeCase disputeCase, CancellationToken cancellationToken)
    {
        var record = JsonSerializer.Serialize(disputeCase with { Audit = [] }, DisputeKitJson.Options);
        var audit = disputeCase.Audit;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            insert into dk_cases (dispute_id, state, due_by, customer_id, record, updated_at)
            values ($1, $2, $3, $4, $5::jsonb, now())
            on conflict (dispute_id) do update
            set state = excluded.state, due_by = excluded.due_by, customer_id = excluded.customer_id,
                record = excluded.record, updated_at = excluded.updated_at
            """, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = disputeCase.DisputeId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.SerializeToElement(disputeCase.State, DisputeKitJson.Options).GetString() });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)disputeCase.DueBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)disputeCase.CustomerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            upsert.Parameters.Add(new NpgsqlParameter { Value = record });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        // The trail only grows: rows already there are kept as they are.
        await using (var append = new NpgsqlCommand("""
            insert into dk_case_audit (dispute_id, seq, at, to_state, cause, entry)
            select $1, t.seq, t.at, t.to_state, t.cause, t.entry::jsonb
            from unnest($2::integer[], $3::timestamptz[], $4::text[], $5::text[], $6::text[]) as t(seq, at, to_state, cause, entry)
            on conflict (dispute_id, seq) do nothing
            """, connection, transaction))
        {
            append.Parameters.Add(new NpgsqlParameter { Value = disputeCase.DisputeId });
            append.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range(0, audit.Count).ToArray() });
            append.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => a.At.ToUniversalTime()).ToArray() });
            append.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => JsonSerializer.SerializeToElement(a.To, DisputeKitJson.Options).GetString()!).ToArray() });
            append.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => a.Cause).ToArray() });
            append.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => JsonSerializer.Serialize(a, DisputeKitJson.Options)).ToArray() });
            await append.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async IAsyncEnumerable<StoredCase> ScanAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Rows stream from the server as they are read: a case at a time is held, not the table.
        await using var command = dataSource.CreateCommand(SelectCases + " order by c.dispute_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            StoredCase stored;
            try
            {
                var c = Read(reader);
                stored = new StoredCase(c.DisputeId, c, null);
            }
            catch (InvalidDataException e)
            {
                stored = new StoredCase(reader.GetString(0), null, e.Message);
            }

            yield return stored;
        }
    }

    /// <summary>The queue's fields read from each record in place: no audit trail, nothing else of the case.</summary>
    public async Task<CaseRows> RowsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select dispute_id, state, record->>'due_by', record->>'reason', record->>'status', record->>'amount', record->>'currency',
                   record->'verdict'->>'kind', record->'economics'->>'win_chance', record->'economics'->>'expected_gain',
                   record->>'on_hold', customer_id, record->>'order_id', record->>'compliance', record->'outcome'->>'status'
            from dk_cases order by dispute_id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<CaseRow>();
        var unreadable = new List<UnreadableCase>();
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            try
            {
                rows.Add(new CaseRow
                {
                    DisputeId = id,
                    State = JsonSerializer.Deserialize<CaseState>($"\"{reader.GetString(1)}\"", DisputeKitJson.Options),
                    // From the record, to the tick; the column keeps microseconds.
                    DueBy = Text(2) is { } due ? DateTimeOffset.Parse(due, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null,
                    Reason = Text(3) ?? throw new InvalidDataException("it has no reason"),
                    Status = Text(4) ?? throw new InvalidDataException("it has no status"),
                    Amount = long.Parse(Text(5) ?? throw new InvalidDataException("it has no amount"), CultureInfo.InvariantCulture),
                    Currency = Text(6) ?? throw new InvalidDataException("it has no currency"),
                    Verdict = Text(7),
                    WinChance = Text(8) is { } win ? double.Parse(win, CultureInfo.InvariantCulture) : null,
                    ExpectedGain = Text(9) is { } gain ? long.Parse(gain, CultureInfo.InvariantCulture) : null,
                    OnHold = Text(10) == "true",
                    CustomerId = Text(11),
                    OrderId = Text(12),
                    Compliance = Text(13),
                    Outcome = Text(14),
                });
            }
            catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or OverflowException)
            {
                unreadable.Add(new UnreadableCase(id, $"Case {id} in dk_cases is not a valid case record: {e.Message}"));
            }
        }

        return new CaseRows(rows, unreadable);
    }

    public async Task<string> SavePackAsync(string disputeId, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into dk_packs (dispute_id, pdf, saved_at) values ($1, $2, now())
            on conflict (dispute_id) do update set pdf = excluded.pdf, saved_at = excluded.saved_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = disputeId });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = pdf, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return PackLocation(disputeId);
    }

    public async Task<byte[]?> ReadPackAsync(string disputeId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select pdf from dk_packs where dispute_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = disputeId });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public Task<IAsyncDisposable?> TryClaimAsync(string disputeId, CancellationToken cancellationToken) =>
        PostgresClaims.TryClaimAsync(dataSource, "dk_case_claims", "dispute_id", disputeId, cancellationToken);

    /// <summary>Where a pack kept in the database is, as shown to people.</summary>
    public static string PackLocation(string disputeId) => $"postgresql:dk_packs/{disputeId}";

    private static DisputeCase Read(NpgsqlDataReader reader)
    {
        var id = reader.GetString(0);
        try
        {
            var record = JsonSerializer.Deserialize<DisputeCase>(reader.GetString(1), DisputeKitJson.Options)
                ?? throw new JsonException("the record is null");
            var audit = JsonSerializer.Deserialize<List<AuditEntry>>(reader.GetString(2), DisputeKitJson.Options) ?? [];
            return record with { Audit = audit };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Case {id} in dk_cases is not a valid case record: {e.Message}", e);
        }
    }
}

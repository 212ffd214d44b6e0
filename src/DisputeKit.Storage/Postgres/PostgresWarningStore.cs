using System.Text.Json;
using DisputeKit.Core.Json;
using DisputeKit.Core.Warnings;
using Npgsql;

namespace DisputeKit.Storage.Postgres;

/// <summary>Early fraud warnings' cases in <c>dk_warnings</c>, one row each; claims in <c>dk_warning_claims</c>.</summary>
public sealed class PostgresWarningStore(NpgsqlDataSource dataSource) : IWarningStore
{
    public async Task<WarningCase?> GetAsync(string warningId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select id, record::text from dk_warnings where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = warningId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task SaveAsync(WarningCase warning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warning);
        await using var command = dataSource.CreateCommand("""
            insert into dk_warnings (id, state, charge_id, warned_at, record, updated_at) values ($1, $2, $3, $4, $5::jsonb, now())
            on conflict (id) do update set state = excluded.state, record = excluded.record, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = warning.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.SerializeToElement(warning.State, DisputeKitJson.Options).GetString()! });
        command.Parameters.Add(new NpgsqlParameter { Value = warning.ChargeId });
        command.Parameters.Add(new NpgsqlParameter { Value = warning.WarnedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(warning, DisputeKitJson.Options) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WarningCase>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select id, record::text from dk_warnings order by warned_at desc, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var all = new List<WarningCase>();
        while (await reader.ReadAsync(cancellationToken))
        {
            all.Add(Read(reader));
        }

        return all;
    }

    public Task<IAsyncDisposable?> TryClaimAsync(string warningId, CancellationToken cancellationToken) =>
        PostgresClaims.TryClaimAsync(dataSource, "dk_warning_claims", "id", warningId, cancellationToken);

    private static WarningCase Read(NpgsqlDataReader reader)
    {
        var id = reader.GetString(0);
        try
        {
            return JsonSerializer.Deserialize<WarningCase>(reader.GetString(1), DisputeKitJson.Options) ?? throw new JsonException("the record is null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Warning {id} in dk_warnings is not a valid warning record: {e.Message}", e);
        }
    }
}

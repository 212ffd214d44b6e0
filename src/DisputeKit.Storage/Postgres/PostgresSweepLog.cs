using DisputeKit.Core.Cases;
using DisputeKit.Core.Sweeps;
using Npgsql;
using NpgsqlTypes;

namespace DisputeKit.Storage.Postgres;

/// <summary>Sweep summaries in <c>dk_sweeps</c>, one row per run of any worker.</summary>
public sealed class PostgresSweepLog(NpgsqlDataSource dataSource) : ISweepLog
{
    public async Task WriteAsync(SweepResult result, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into dk_sweeps (scope, started_at, finished_at, disputes, failed, urgent, summary)
            values ($1, $2, $3, $4, $5, $6, $7)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = result.Scope.ToString().ToLowerInvariant() });
        command.Parameters.Add(new NpgsqlParameter { Value = result.StartedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = result.FinishedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = result.Outcomes.Count });
        command.Parameters.Add(new NpgsqlParameter { Value = result.Count(CaseState.Failed) });
        command.Parameters.Add(new NpgsqlParameter { Value = result.Urgent });
        // The UTF-8 bytes as they are serialised: a summary has a line per dispute, and a string copy of it would be twice its size again.
        command.Parameters.Add(new NpgsqlParameter { Value = SweepSummary.Serialize(result, indented: false), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LastSweep?> LatestAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select summary::text from dk_sweeps order by started_at desc, id desc limit 1");
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? SweepSummary.Headline(json) : null;
    }
}

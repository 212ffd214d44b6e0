using DisputeKit.Core.Cases;
using DisputeKit.Core.Sweeps;
using Npgsql;
using NpgsqlTypes;

namespace DisputeKit.Storage.Postgres;

/// <summary>
/// Sweep summaries in <c>dk_sweeps</c>, one row per run of any worker. The outcomes are spooled
/// to a temporary file as they come and the row is inserted from it once the sweep is done, so
/// a sweep of ten thousand disputes never holds its summary in memory, and a sweep that stops
/// leaves no row.
/// </summary>
public sealed class PostgresSweepLog(NpgsqlDataSource dataSource, IScratchSpace scratch) : ISweepLog
{
    public Task<ISweepRecord> BeginAsync(SweepScope scope, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        return Task.FromResult<ISweepRecord>(new Record(dataSource, scratch.Create()));
    }

    public async Task<LastSweep?> LatestAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select summary::text from dk_sweeps order by started_at desc, id desc limit 1");
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? SweepSummary.Headline(json) : null;
    }

    private sealed class Record(NpgsqlDataSource dataSource, Stream spool) : ISweepRecord
    {
        private readonly SweepSummary _summary = new(spool, indented: false);

        public void Add(CaseOutcome outcome) => _summary.Add(outcome);

        public async Task FinishAsync(SweepResult result, CancellationToken cancellationToken)
        {
            await _summary.FinishAsync(result, cancellationToken);
            _summary.Dispose();
            spool.Position = 0;
            await using var command = dataSource.CreateCommand("""
                insert into dk_sweeps (scope, started_at, finished_at, disputes, failed, urgent, summary)
                values ($1, $2, $3, $4, $5, $6, $7)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = result.Scope.ToString().ToLowerInvariant() });
            command.Parameters.Add(new NpgsqlParameter { Value = result.StartedAt.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = result.FinishedAt.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = result.Disputes });
            command.Parameters.Add(new NpgsqlParameter { Value = result.Count(CaseState.Failed) });
            command.Parameters.Add(new NpgsqlParameter { Value = result.Urgent });
            // The spooled UTF-8 JSON, streamed to the server.
            command.Parameters.Add(new NpgsqlParameter { Value = spool, NpgsqlDbType = NpgsqlDbType.Jsonb });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            _summary.Dispose();
            await spool.DisposeAsync();
        }
    }
}

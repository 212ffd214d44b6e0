using System.Globalization;
using Npgsql;

namespace DisputeKit.Postgres;

/// <summary>One numbered schema change.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Applies numbered migrations the database has not had yet, recorded in a history table. They
/// run in one transaction under an advisory lock, so several processes starting together apply
/// each once.
/// </summary>
public static class PostgresMigrations
{
    /// <param name="what">What the schema is, for the message when the database is newer than this build.</param>
    /// <param name="historyTable">The (possibly schema-qualified) table recording applied versions.</param>
    /// <param name="lockKey">The advisory lock that serialises concurrent migrators of this schema.</param>
    /// <param name="setupSql">Run under the lock before the history table is made, e.g. to create a schema.</param>
    public static async Task ApplyAsync(
        NpgsqlDataSource dataSource, string what, string historyTable, long lockKey, IReadOnlyList<Migration> migrations,
        CancellationToken cancellationToken, string? setupSql = null)
    {
        var latest = migrations[^1].Version;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, transaction, $"select pg_advisory_xact_lock({lockKey})", cancellationToken);
        if (setupSql is not null)
        {
            await Execute(connection, transaction, setupSql, cancellationToken);
        }

        await Execute(connection, transaction, $"""
            create table if not exists {historyTable} (
                version    integer primary key,
                name       text not null,
                applied_at timestamptz not null default now())
            """, cancellationToken);

        await using var read = new NpgsqlCommand($"select coalesce(max(version), 0) from {historyTable}", connection, transaction);
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The {what} is at migration {current}, newer than this build knows ({latest}); run a newer DisputeKit.");
        }

        foreach (var (version, name, sql) in migrations.Where(m => m.Version > current))
        {
            await Execute(connection, transaction, sql, cancellationToken);
            await using var record = new NpgsqlCommand($"insert into {historyTable} (version, name) values ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = version });
            record.Parameters.Add(new NpgsqlParameter { Value = name });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

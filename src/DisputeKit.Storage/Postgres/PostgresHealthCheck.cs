using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace DisputeKit.Storage.Postgres;

/// <summary>The database answers and holds the store's tables at this build's migration.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "select (select coalesce(max(version), 0) from dk_migrations), (select count(*) from dk_cases)");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (version, cases) = (reader.GetInt32(0), reader.GetInt64(1));
            return version == PostgresSchema.LatestVersion
                ? HealthCheckResult.Healthy($"PostgreSQL store {Describe(dataSource)} answers; {cases} cases.")
                : HealthCheckResult.Unhealthy($"PostgreSQL store {Describe(dataSource)} is at migration {version}; this build needs {PostgresSchema.LatestVersion}.");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL store {Describe(dataSource)} cannot be read: {e.Message}");
        }
    }

    /// <summary>Host, port and database; never the password.</summary>
    public static string Describe(NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}

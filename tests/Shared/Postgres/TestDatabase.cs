using Npgsql;

namespace DisputeKit.Testing;

/// <summary>
/// A throwaway database on the test PostgreSQL (<c>DISPUTEKIT_TEST_POSTGRES</c>, which the test
/// command sets after starting the server on 127.0.0.1), dropped with everything in it when disposed.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private const string Default = "Host=127.0.0.1;Port=5432;Username=disputekit;Password=disputekit;Database=postgres";

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string purpose, CancellationToken cancellationToken)
    {
        var server = Environment.GetEnvironmentVariable("DISPUTEKIT_TEST_POSTGRES") is { Length: > 0 } configured ? configured : Default;
        var name = $"dk_test_{purpose}_{Guid.NewGuid():N}"[..40];
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"The test PostgreSQL at {new NpgsqlConnectionStringBuilder(server).Host} cannot make a database ({e.Message}). " +
                "Run the tests with ./test.sh, which starts it, or set DISPUTEKIT_TEST_POSTGRES.", e);
        }

        return new TestDatabase(name, new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var server = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();

        // A plain drop also stops an autovacuum worker busy in the database (which FORCE, run as a
        // non-superuser, may not); FORCE ends sessions a test left open. Either may need a moment.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"drop database if exists {Name}{(attempt % 2 == 0 ? " with (force)" : string.Empty)}", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 20 && e.SqlState is PostgresErrorCodes.ObjectInUse or PostgresErrorCodes.InsufficientPrivilege)
            {
                await Task.Delay(250);
            }
        }
    }
}

using Npgsql;

namespace DisputeKit.Storage.Postgres;

/// <summary>
/// Claims on one row per id (a case, a warning): the claiming process holds the row locked
/// (<c>FOR UPDATE SKIP LOCKED</c>) in an open transaction while it works; a process that dies
/// loses its connection and the lock with it.
/// </summary>
internal static class PostgresClaims
{
    /// <summary>The claim (released on dispose), or null while another process holds it.</summary>
    public static async Task<IAsyncDisposable?> TryClaimAsync(NpgsqlDataSource dataSource, string table, string column, string id, CancellationToken cancellationToken)
    {
        await using (var ensure = dataSource.CreateCommand($"insert into {table} ({column}) values ($1) on conflict do nothing"))
        {
            ensure.Parameters.Add(new NpgsqlParameter { Value = id });
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var claim = new NpgsqlCommand($"select {column} from {table} where {column} = $1 for update skip locked", connection, transaction);
            claim.Parameters.Add(new NpgsqlParameter { Value = id });
            if (await claim.ExecuteScalarAsync(cancellationToken) is null)
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
                return null;
            }

            return new Claim(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Claim(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection is already gone, and the lock with it.
            }
            finally
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }
}

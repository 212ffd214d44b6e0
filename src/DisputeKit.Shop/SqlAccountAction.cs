using System.Data.Common;
using DisputeKit.Core.Accounts;
using Npgsql;

namespace DisputeKit.Shop;

/// <summary>
/// Runs the configured statement for the action on the merchant's PostgreSQL, in a transaction,
/// with <c>@customer_id</c>, <c>@flag_id</c>, <c>@action</c>, <c>@reason</c>, <c>@by</c> and
/// <c>@idempotency_key</c> as parameters (never pasted into the text). The answer is the number of
/// rows it changed; a statement that changes none did not act on the account.
/// </summary>
public sealed class SqlAccountAction(NpgsqlDataSource merchant, AccountActionOptions options) : IAccountAction
{
    public string Target
    {
        get
        {
            var cs = new NpgsqlConnectionStringBuilder(merchant.ConnectionString);
            return $"sql on {cs.Host}:{cs.Port}/{cs.Database}";
        }
    }

    public async Task<AccountActionAnswer> ApplyAsync(AccountActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sql = request.Action switch
        {
            "suspend" => options.SuspendSql,
            "limit" => options.LimitSql,
            _ => options.RestoreSql,
        };
        try
        {
            await using var connection = await merchant.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("customer_id", request.CustomerId);
            command.Parameters.AddWithValue("flag_id", request.FlagId);
            command.Parameters.AddWithValue("action", request.Action);
            command.Parameters.AddWithValue("reason", request.Reason);
            command.Parameters.AddWithValue("by", request.By);
            command.Parameters.AddWithValue("idempotency_key", request.IdempotencyKey);
            var rows = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows > 0
                ? new AccountActionAnswer(true, $"{rows} row{(rows == 1 ? string.Empty : "s")} changed")
                : new AccountActionAnswer(false, $"the {request.Action} statement changed no row (is customer {request.CustomerId} in the shop's database?)");
        }
        catch (DbException e)
        {
            return new AccountActionAnswer(false, $"the {request.Action} statement failed: {e.Message}");
        }
    }
}

using DisputeKit.Core.Accounts;
using DisputeKit.Testing;
using Npgsql;
using Shouldly;

namespace DisputeKit.Shop.Tests;

public sealed class SqlAccountActionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AccountActionRequest Request(string customer, string action, string reason = "no contact") => new(
        $"dk-flag-{customer}-1-{action}", $"{customer}-1", customer, action, reason, "ana", [], DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Apply_RunsTheActionsStatement_WithParameters_ZeroRowsIsNotDone()
    {
        await using var db = await TestDatabase.CreateAsync("shop", Ct);
        await using var merchant = NpgsqlDataSource.Create(db.ConnectionString);
        await using (var setup = merchant.CreateCommand("""
            create table accounts (customer_id text primary key, status text not null default 'active', note text);
            insert into accounts (customer_id) values ('C1'), ('C2');
            """))
        {
            await setup.ExecuteNonQueryAsync(Ct);
        }

        var action = new SqlAccountAction(merchant, new AccountActionOptions
        {
            Kind = "sql",
            ConnectionString = db.ConnectionString,
            SuspendSql = "update accounts set status = 'suspended', note = @reason || ' (' || @by || ', ' || @flag_id || ')' where customer_id = @customer_id",
            LimitSql = "update accounts set status = 'limited' where customer_id = @customer_id",
            RestoreSql = "update accounts set status = 'active', note = null where customer_id = @customer_id",
        });

        var suspended = await action.ApplyAsync(Request("C1", "suspend", "x'); drop table accounts; --"), Ct);
        var limited = await action.ApplyAsync(Request("C2", "limit"), Ct);
        var missing = await action.ApplyAsync(Request("C404", "suspend"), Ct);
        var restored = await action.ApplyAsync(Request("C2", "restore"), Ct);

        suspended.ShouldBe(new AccountActionAnswer(true, "1 row changed"));
        limited.Succeeded.ShouldBeTrue();
        restored.Succeeded.ShouldBeTrue();
        missing.Succeeded.ShouldBeFalse();
        missing.Answer.ShouldContain("changed no row (is customer C404 in the shop's database?)");
        await using var read = merchant.CreateCommand("select customer_id, status, coalesce(note, '') from accounts order by customer_id");
        await using var rows = await read.ExecuteReaderAsync(Ct);
        var accounts = new List<(string, string, string)>();
        while (await rows.ReadAsync(Ct))
        {
            accounts.Add((rows.GetString(0), rows.GetString(1), rows.GetString(2)));
        }

        accounts.ShouldBe([("C1", "suspended", "x'); drop table accounts; -- (ana, C1-1)"), ("C2", "active", "")]);
        action.Target.ShouldStartWith("sql on 127.0.0.1:");
        action.Target.ShouldNotContain("Password");
    }

    [Fact]
    public async Task Apply_BrokenStatement_NotDone_SaysWhy()
    {
        await using var db = await TestDatabase.CreateAsync("shopbroken", Ct);
        await using var merchant = NpgsqlDataSource.Create(db.ConnectionString);
        var action = new SqlAccountAction(merchant, new AccountActionOptions { SuspendSql = "update no_such_table set x = 1 where id = @customer_id" });

        var answer = await action.ApplyAsync(Request("C1", "suspend"), Ct);

        answer.Succeeded.ShouldBeFalse();
        answer.Answer.ShouldContain("the suspend statement failed");
        answer.Answer.ShouldContain("no_such_table");
    }
}

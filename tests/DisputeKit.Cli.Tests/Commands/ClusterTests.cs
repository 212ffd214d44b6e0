using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DisputeKit.StripeFake;
using DisputeKit.Testing;
using Npgsql;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// Several workers on one PostgreSQL store and one Stripe account: each case is worked by exactly
/// one of them, and the Quartz schedule is shared by a cluster.
/// </summary>
public sealed class ClusterTests
{
    private const string Key = "sk_test_cluster_0123456789";
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_TwoWorkersOnePostgres_200Disputes_EachCaseWorkedOnce()
    {
        using var work = new TempFolder("cluster");
        await using var database = await TestDatabase.CreateAsync("cluster", Ct);
        var samples = work.Sub("samples");
        var made = await Cli.RunAsync(work.Path, new Dictionary<string, string>(), Ct, "samples", "generate", "--out", samples, "--disputes", "200");
        made.ExitCode.ShouldBe(0, made.Error);
        await using var fake = await FakeStripeServer.StartAsync(
            new FakeStripeOptions { ApiKey = Key, SeedFolder = Path.Combine(samples, "stripe") }, Ct);

        var runs = await Task.WhenAll(
            Cli.RunAsync(work.Path, Settings(work.Sub("data-a"), samples, database, fake), Ct, "sweep"),
            Cli.RunAsync(work.Path, Settings(work.Sub("data-b"), samples, database, fake), Ct, "sweep"));

        runs.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n", runs.Select(r => r.Error)));
        await using var db = NpgsqlDataSource.Create(database.ConnectionString);

        // Every dispute has one case, in the state its scenario expects, none failed.
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(samples, "scenarios.json")))!.AsArray().Cast<JsonObject>()
            .ToDictionary(s => s["dispute_id"]!.GetValue<string>(), s => s["expected_state"]!.GetValue<string>());
        expected.Count.ShouldBe(200);
        var states = await QueryAsync(db, "select dispute_id, state from dk_cases", r => (Id: r.GetString(0), State: r.GetString(1)));
        states.Count.ShouldBe(200);
        foreach (var (id, state) in states)
        {
            state.ShouldBe(expected[id] == "staged" ? "staged" : expected[id], id);
        }

        // Each dispute was worked (changed) by exactly one of the two sweeps, and both did a share.
        var summaries = await QueryAsync(db, "select summary::text from dk_sweeps", r => JsonNode.Parse(r.GetString(0))!);
        summaries.Count.ShouldBe(2);
        var workedBy = summaries.Select(s => s["outcomes"]!.AsArray().Where(o => o!["changed"]!.GetValue<bool>())
            .Select(o => o!["dispute_id"]!.GetValue<string>()).ToHashSet()).ToList();
        workedBy[0].Overlaps(workedBy[1]).ShouldBeFalse($"worked by both: {string.Join(", ", workedBy[0].Intersect(workedBy[1]).Take(5))}");
        workedBy[0].Union(workedBy[1]).Count().ShouldBe(200);
        workedBy.ShouldAllBe(w => w.Count > 0, $"split {workedBy[0].Count} / {workedBy[1].Count}");
        TestContext.Current.TestOutputHelper?.WriteLine($"cases worked: {workedBy[0].Count} by one worker, {workedBy[1].Count} by the other");

        // No transition happened twice in any case's audit trail.
        var repeated = await QueryAsync(db, """
            select dispute_id || ' ' || to_state from dk_case_audit
            where entry->>'from' is distinct from to_state
            group by dispute_id, to_state having count(*) > 1
            """, r => r.GetString(0));
        repeated.ShouldBeEmpty();

        // What Stripe saw: one upload of each document (pack, policy, transcript) and one staging
        // per staged dispute, nothing submitted. Keys are dk-{dispute}-{document}-{content hash}.
        var staged = states.Where(s => s.State == "staged").Select(s => s.Id).ToHashSet();
        var requests = fake.Requests.Where(r => r.Status == 200 && !r.Replayed && r.Method == "POST").ToList();
        var uploads = requests.Where(r => r.Path == "/v1/files").GroupBy(r => r.IdempotencyKey![..r.IdempotencyKey!.LastIndexOf('-')]).ToList();
        uploads.ShouldAllBe(g => g.Count() == 1);
        uploads.Where(g => g.Key.EndsWith("-pack", StringComparison.Ordinal)).Select(g => g.Key["dk-".Length..^"-pack".Length])
            .ToHashSet().SetEquals(staged).ShouldBeTrue();
        uploads.Select(g => g.Key["dk-".Length..g.Key.LastIndexOf('-')]).ShouldAllBe(id => staged.Contains(id));
        var staging = requests.Where(r => r.Path.StartsWith("/v1/disputes/", StringComparison.Ordinal) && !r.Path.EndsWith("/close", StringComparison.Ordinal)).ToList();
        staging.GroupBy(r => r.Path).ShouldAllBe(g => g.Count() == 1);
        staging.Count.ShouldBe(staged.Count);
        staging.ShouldAllBe(r => r.Form["submit"] == "false");
    }

    [Fact]
    public async Task Run_TwoWorkersOnePostgres_ShareOneClusteredSchedule_StopOnSigterm()
    {
        using var work = new TempFolder("cluster-run");
        await using var database = await TestDatabase.CreateAsync("quartz", Ct);
        await using var fake = await FakeStripeServer.StartAsync(
            new FakeStripeOptions { ApiKey = Key, SeedFolder = Path.Combine(Cli.Samples, "stripe") }, Ct);

        using var first = Cli.Start(work.Path, Settings(work.Sub("data-a"), Cli.Samples, database, fake), "run");
        using var second = Cli.Start(work.Path, Settings(work.Sub("data-b"), Cli.Samples, database, fake), "run");
        var logs = new[] { first, second }.Select(p => (Error: p.StandardError.ReadToEndAsync(Ct), Output: p.StandardOutput.ReadToEndAsync(Ct))).ToArray();
        await using var db = NpgsqlDataSource.Create(database.ConnectionString);

        // Both nodes check in to one cluster; both start-up polls run, one after the other.
        await WaitUntilAsync(async () => await CountAsync(db, "select count(*) from dk_sweeps") >= 2
                                         && await CountAsync(db, "select count(*) from qrtz_scheduler_state") == 2, TimeSpan.FromSeconds(120));
        await Task.WhenAll(Cli.TerminateAsync(first, Ct), Cli.TerminateAsync(second, Ct));

        first.ExitCode.ShouldBe(0, await logs[0].Error);
        second.ExitCode.ShouldBe(0, await logs[1].Error);

        // The schedule is stored once for the cluster, not once per worker.
        var triggers = await QueryAsync(db, "select trigger_name from qrtz_triggers where trigger_group = 'disputekit' order by 1", r => r.GetString(0));
        triggers.ShouldBe(["poll-cron", "sweep-cron"]);
        (await CountAsync(db, "select count(*) from qrtz_job_details where job_group = 'disputekit'")).ShouldBe(2);

        // The two polls never overlapped (one job runs on one node at a time) and each case was worked once.
        var polls = await QueryAsync(db, "select started_at, finished_at, summary::text from dk_sweeps order by started_at",
            r => (Start: r.GetFieldValue<DateTimeOffset>(0), End: r.GetFieldValue<DateTimeOffset>(1), Summary: JsonNode.Parse(r.GetString(2))!));
        (await CountAsync(db, "select count(*) from dk_cases")).ShouldBe(Cli.SampleScenarios.Count);
        polls.Sum(p => p.Summary["outcomes"]!.AsArray().Count(o => o!["changed"]!.GetValue<bool>())).ShouldBe(Cli.SampleScenarios.Count);
        (await CountAsync(db, """
            select count(*) from (select 1 from dk_case_audit where entry->>'from' is distinct from to_state
            group by dispute_id, to_state having count(*) > 1) repeated
            """)).ShouldBe(0);
    }

    private static Dictionary<string, string> Settings(string data, string samples, TestDatabase database, FakeStripeServer fake)
    {
        var settings = Cli.Settings(data, samples);
        settings["DisputeKit__Store__Kind"] = "postgres";
        settings["DisputeKit__Store__ConnectionString"] = database.ConnectionString;
        settings["DisputeKit__ReplayAt"] = AsOf.ToString("O", CultureInfo.InvariantCulture);
        settings["Stripe__ApiKey"] = Key;
        settings["Stripe__ApiBase"] = fake.BaseUri.ToString();
        settings["Stripe__FilesBase"] = fake.BaseUri.ToString();
        return settings;
    }

    private static async Task<List<T>> QueryAsync<T>(NpgsqlDataSource db, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        try
        {
            await using var command = db.CreateCommand(sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // the workers have not created their tables yet
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            waited.Elapsed.ShouldBeLessThan(limit, "the workers did not get there in time");
            await Task.Delay(250, Ct);
        }
    }
}

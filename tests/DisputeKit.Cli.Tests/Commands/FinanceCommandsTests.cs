using System.Text.Json.Nodes;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>The commands finance uses on cases the sweep left, each against the real program and the local Stripe fake.</summary>
public sealed class FinanceCommandsTests(FinanceFixture f) : IClassFixture<FinanceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DisputesList_Json_HasEveryCase_SortedByDeadline_WithDaysLeft()
    {
        var run = await f.RunAsync(Ct, "disputes", "list", "--json");

        run.ExitCode.ShouldBe(0, run.Error);
        var rows = JsonNode.Parse(run.Output)!.AsArray().Cast<JsonObject>().ToList();
        rows.Select(r => r["dispute_id"]!.GetValue<string>()).ShouldBe(f.Scenarios.Select(s => s["dispute_id"]!.GetValue<string>()), ignoreOrder: true);
        var dues = rows.Where(r => r["due_by"] is not null).Select(r => r["due_by"]!.GetValue<DateTimeOffset>()).ToList();
        dues.ShouldBe(dues.Order().ToList());
        rows.ShouldAllBe(r => r["status"] != null && r["reason"] != null && r["amount"] != null && r["state"] != null);
        // The embedded default replays the sample set at its as_of (2026-11-01 09:00 UTC).
        var first = rows.First(r => r["days_left"] is not null && r["days_left"]!.GetValue<double>() > 0);
        (first["due_by"]!.GetValue<DateTimeOffset>() - new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)).TotalDays
            .ShouldBe(first["days_left"]!.GetValue<double>(), 0.1);
    }

    [Fact]
    public async Task Report_JsonAndCsv_SameNumbers_EveryCaseCounted_BadDayNamed()
    {
        var json = await f.RunAsync(Ct, "report", "--json");
        var csv = await f.RunAsync(Ct, "report", "--csv");
        var table = await f.RunAsync(Ct, "report");
        json.ExitCode.ShouldBe(0, json.Error);
        csv.ExitCode.ShouldBe(0, csv.Error);
        table.ExitCode.ShouldBe(0, table.Error);

        var tables = JsonNode.Parse(json.Output)!["tables"]!.AsArray().Cast<JsonObject>().ToList();
        tables.Select(t => t["id"]!.GetValue<string>()).ShouldBe(["month", "reason", "service", "prior_contact", "verdict", "total"]);
        foreach (var t in tables)
        {
            // Every grouping counts every case once.
            t["rows"]!.AsArray().Sum(r => r!["disputes"]!.GetValue<int>()).ShouldBe(f.Scenarios.Count, t["id"]!.GetValue<string>());
        }

        var fromJson = tables.SelectMany(t => t["rows"]!.AsArray().Cast<JsonObject>().Select(r => string.Join(',',
            t["id"]!.GetValue<string>(), r["group"]!.GetValue<string>(), r["currency"]!.GetValue<string>(), r["disputes"], r["closed"], r["fought"], r["won"],
            r["disputed"], r["withdrawn"], r["recovered"], r["fees"], r["net"]))).ToList();
        var fromCsv = csv.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')).Select(c => string.Join(',', c[..7].Concat(c[8..]))).ToList();
        fromCsv.ShouldBe(fromJson);
        table.Output.ShouldContain("By dispute reason");
        table.Output.ShouldContain("Disputes against orders, by month");
        var volume = JsonNode.Parse(json.Output)!["volume"]!.AsArray();
        volume.Sum(v => v!["disputes"]!.GetValue<int>()).ShouldBe(f.Scenarios.Count);
        volume.Sum(v => v!["orders"]!.GetValue<int>()).ShouldBeGreaterThan(f.Scenarios.Count);
        table.Output.ShouldContain("Early fraud warnings:");

        var bad = await f.RunAsync(Ct, "report", "--from", "2026-13-01");
        bad.ExitCode.ShouldBe(2);
        bad.Error.ShouldContain("--from '2026-13-01' is not a day like 2026-01-31.");
        var none = await f.RunAsync(Ct, "report", "--json", "--from", "2030-01-01");
        JsonNode.Parse(none.Output)!["tables"]!.AsArray().ShouldAllBe(t => t!["rows"]!.AsArray().Count == 0);
    }

    [Fact]
    public async Task DisputesList_SortByAmount_AndBadState_SaysWhatIsWrong()
    {
        var run = await f.RunAsync(Ct, "disputes", "list", "--sort", "amount", "--state", "staged");
        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("cases;");
        foreach (var id in f.Ids("set_aside"))
        {
            run.Output.ShouldNotContain(id);
        }

        var bad = await f.RunAsync(Ct, "disputes", "list", "--state", "lost-in-space");
        bad.ExitCode.ShouldBe(2);
        bad.Error.ShouldContain("--state lost-in-space is not a case state");
    }

    [Fact]
    public async Task CaseShow_PrintsVerdictAndAuditTrail_UnknownIdIsNotFound()
    {
        var id = f.Ids("staged")[2];

        var run = await f.RunAsync(Ct, "case", "show", id);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain(id);
        run.Output.ShouldContain("fight:");
        run.Output.ShouldContain("evidence staged on Stripe (submit=false)");
        run.Output.ShouldContain("listed on Stripe");
        var json = await f.RunAsync(Ct, "case", "show", id, "--json");
        JsonNode.Parse(json.Output)!["state"]!.GetValue<string>().ShouldBe("staged");

        var missing = await f.RunAsync(Ct, "case", "show", "dp_doesnotexist");
        missing.ExitCode.ShouldBe(4);
        missing.Error.ShouldContain("no case for dispute dp_doesnotexist");
    }

    [Fact]
    public async Task Pack_StagedCase_PrintsTheSentPack_FreshRendersAReadablePreview()
    {
        var id = f.Ids("staged")[3];

        var kept = await f.RunAsync(Ct, "pack", id);
        kept.ExitCode.ShouldBe(0, kept.Error);
        kept.Output.Trim().ShouldBe(Path.Combine(f.Data, "packs", id + ".pdf"), "a full path, wherever the command runs");

        var fresh = await f.RunAsync(Ct, "pack", id, "--fresh");
        fresh.ExitCode.ShouldBe(0, fresh.Error);
        var path = fresh.Output.Trim();
        path.ShouldEndWith($"{id}.preview.pdf");
        (await Tool.RunAsync("pdftotext", [path, "-"], Ct)).ShouldContain(id);
        fresh.Error.ShouldContain("pages");
    }

    [Fact]
    public async Task Pack_SentPackDeleted_SaysSoBeforePreviewing_CaseShowSaysItIsNotThere()
    {
        var id = f.Ids("staged")[5];
        File.Delete(Path.Combine(f.Data, "packs", id + ".pdf"));

        var pack = await f.RunAsync(Ct, "pack", id);

        pack.ExitCode.ShouldBe(0, pack.Error);
        pack.Error.ShouldContain($"warning: the pack sent to Stripe for dispute {id} (as {f.Case(id)["pack_file_id"]!.GetValue<string>()}) is no longer kept");
        pack.Output.Trim().ShouldEndWith($"{id}.preview.pdf");
        var show = await f.RunAsync(Ct, "case", "show", id);
        show.Output.ShouldContain("not in the data folder");
    }

    [Fact]
    public async Task Submit_AsksFirst_ThenSubmitsOnce_AndRefusesASecondTime()
    {
        var id = f.Ids("staged")[0];
        var path = $"/v1/disputes/{id}";

        var unconfirmed = await f.RunAsync(Ct, "submit", id);
        unconfirmed.ExitCode.ShouldBe(5);
        unconfirmed.Error.ShouldContain("pass --yes");
        f.Posts(path).ShouldNotContain(r => r["Form"]!["submit"]!.GetValue<string>() == "true");

        var submitted = await f.RunAsync(Ct, "submit", id, "--yes");
        submitted.ExitCode.ShouldBe(0, submitted.Error);
        f.Case(id)["state"]!.GetValue<string>().ShouldBe("submitted");
        f.Case(id)["status"]!.GetValue<string>().ShouldBe("under_review");

        var again = await f.RunAsync(Ct, "submit", id, "--yes");
        again.ExitCode.ShouldBe(5);
        again.Error.ShouldContain("only staged evidence can be submitted");
        f.Posts(path).Count(r => r["Form"]!["submit"]!.GetValue<string>() == "true").ShouldBe(1);
        f.FakeDispute(id)["evidence_details"]!["submission_count"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Accept_ClosesTheDisputeOnStripe_AndRecordsIt()
    {
        var id = f.Ids("set_aside")[0];

        var unconfirmed = await f.RunAsync(Ct, "accept", id);
        unconfirmed.ExitCode.ShouldBe(5);
        f.Posts($"/v1/disputes/{id}/close").ShouldBeEmpty();

        var run = await f.RunAsync(Ct, "accept", id, "--yes");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("accepted");
        f.Case(id)["state"]!.GetValue<string>().ShouldBe("accepted");
        f.FakeDispute(id)["status"]!.GetValue<string>().ShouldBeOneOf("lost", "warning_closed");
        f.Posts($"/v1/disputes/{id}/close").Count().ShouldBe(1);

        var again = await f.RunAsync(Ct, "accept", id, "--yes");
        again.ExitCode.ShouldBe(5);
        f.Posts($"/v1/disputes/{id}/close").Count().ShouldBe(1);
    }

    [Fact]
    public async Task Hold_RecordsWhoAndWhy_ReleaseLiftsIt()
    {
        var id = f.Ids("staged")[1];

        var hold = await f.RunAsync(Ct, "hold", id, "--note", "customer wrote in after the dispute");
        hold.ExitCode.ShouldBe(0, hold.Error);
        f.Case(id)["on_hold"]!.GetValue<bool>().ShouldBeTrue();
        f.Case(id)["audit"]!.AsArray().Last()!["cause"]!.GetValue<string>().ShouldBe("put on hold by a person: customer wrote in after the dispute");

        var release = await f.RunAsync(Ct, "hold", id, "--release");
        release.ExitCode.ShouldBe(0, release.Error);
        f.Case(id)["on_hold"]!.GetValue<bool>().ShouldBeFalse();
        f.Case(id)["audit"]!.AsArray().Last()!["cause"]!.GetValue<string>().ShouldBe("hold released by a person");

        (await f.RunAsync(Ct, "hold", "dp_doesnotexist")).ExitCode.ShouldBe(4);
    }

    [Fact]
    public async Task FlagsList_Json_ListsTheFlaggedAccounts()
    {
        var run = await f.RunAsync(Ct, "flags", "list", "--json");

        run.ExitCode.ShouldBe(0, run.Error);
        var flags = JsonNode.Parse(run.Output)!.AsArray();
        var expected = f.Scenarios.Where(s => s["expected_flag"]!.GetValue<string>() != "none")
            .Select(s => s["customer_id"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).Count();
        flags.Count.ShouldBe(expected);
        flags.ShouldAllBe(x => x!["state"]!.GetValue<string>() == "proposed");
        (await f.RunAsync(Ct, "flags", "list")).Output.ShouldContain($"{expected} flagged accounts.");
    }

    [Fact]
    public async Task Health_Json_ReportsEveryCheck()
    {
        var run = await f.RunAsync(Ct, "health", "--json");

        run.ExitCode.ShouldBe(0, run.Error);
        var checks = JsonNode.Parse(run.Output)!["checks"]!.AsObject();
        checks.Select(c => c.Key).ShouldBe(["last-sweep", "stripe", "chromium", "store", "support-sources"], ignoreOrder: true);
        checks["support-sources"]!["status"]!.GetValue<string>().ShouldBe("healthy", "no support source is configured on the embedded default");
        checks["stripe"]!["status"]!.GetValue<string>().ShouldBe("healthy");
        checks["chromium"]!["status"]!.GetValue<string>().ShouldBe("healthy");
        checks["store"]!["status"]!.GetValue<string>().ShouldBe("healthy");
        checks["last-sweep"]!["description"]!.GetValue<string>().ShouldContain($"{Cli.SampleScenarios.Count} disputes");
    }

    [Fact]
    public async Task Health_ChromiumMissing_IsUnhealthy_ExitThree()
    {
        var settings = Cli.Settings(f.Data);
        settings["Rendering__ChromiumPath"] = "/nonexistent/chromium";

        var run = await Cli.RunAsync(f.WorkDir, settings, Ct, "health");

        run.ExitCode.ShouldBe(3);
        run.Output.ShouldContain("Chromium was not found at /nonexistent/chromium");
    }
}

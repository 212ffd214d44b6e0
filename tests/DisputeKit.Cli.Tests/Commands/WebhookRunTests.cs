using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Configuration;
using DisputeKit.Core.Events;
using DisputeKit.Core.Json;
using DisputeKit.StripeFake;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// <c>disputekit run</c> receiving Stripe's webhooks from the local fake over real HTTP, signed
/// as Stripe signs them: at start it catches up on the events it never received; a dispute
/// created while it runs is worked at once, alone; a redelivery changes nothing and a tampered
/// body is refused; a dispute created while it was down is caught up from <c>GET /v1/events</c>
/// when it comes back, before any poll.
/// </summary>
public sealed class WebhookRunTests
{
    private const string Key = "sk_test_webhooks_0123456789";
    private const string Secret = "whsec_run_test_0123456789";
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_CatchesUp_WorksADisputeWhenItIsCreated_RefusesForgeries_CatchesUpAfterDowntime()
    {
        using var work = new TempFolder("webhooks");
        var port = Cli.FreePort();
        var ids = JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "scenarios.json")))!.AsArray().Cast<JsonObject>()
            .Where(s => s["expected_state"]!.GetValue<string>() == "staged").Select(s => s["dispute_id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var (live, whileDown) = (ids[3], ids[4]);
        var clock = new ReplayTimeProvider(AsOf, TimeProvider.System);
        await using var fake = await FakeStripeServer.StartAsync(new FakeStripeOptions
        {
            ApiKey = Key,
            SeedFolder = Path.Combine(Cli.Samples, "stripe"),
            Clock = clock,
            WebhookUrl = new Uri($"http://127.0.0.1:{port}/stripe/webhook"),
            WebhookSecret = Secret,
            WebhookAttempts = 1,
        }, Ct);
        var liveDispute = fake.Withhold(live);
        var downDispute = fake.Withhold(whileDown);
        var data = work.Sub("data");
        var settings = Settings(data, port, fake);

        using (var run = await Cli.StartServingAsync(work.Path, settings, Ct, "run"))
        {
            // Nothing was ever received: the events of the last 30 days are caught up and worked, as a sweep would.
            await Cli.WaitUntilAsync(() => Case(data, ids[0])?.State == CaseState.Staged, TimeSpan.FromSeconds(120), Ct);
            Events(data).Where(e => e.Source == "catch_up").Select(e => e.ObjectId).ShouldContain(ids[0]);

            var watch = Stopwatch.StartNew();
            fake.CreateDispute(liveDispute);
            await Cli.WaitUntilAsync(() => Case(data, live)?.State == CaseState.Staged, TimeSpan.FromSeconds(60), Ct);
            watch.Stop();

            // The event's result is recorded once its work is done, just after the case's last step is saved.
            await Cli.WaitUntilAsync(() => Events(data).Any(e => e.ObjectId == live && e.Type == "charge.dispute.created" && e.Created >= AsOf && e.Result is not null), TimeSpan.FromSeconds(30), Ct);
            // (The seeded dispute's old event was caught up at start too, and left alone: Stripe did not list the dispute then.)
            var created = Events(data).Single(e => e.ObjectId == live && e.Type == "charge.dispute.created" && e.Created >= AsOf);
            created.Source.ShouldBe("webhook");
            created.Result.ShouldBe("case staged");
            fake.WebhookDeliveries.ShouldContain(d => d.EventId == created.Id && d.Status == 200);

            // The same event again (Stripe redelivers): answered, kept once, nothing sent twice.
            var payload = fake.Events.Single(e => e["id"]!.GetValue<string>() == created.Id).ToJsonString();
            using var http = new HttpClient { BaseAddress = run.Url };
            var again = await PostAsync(http, payload, FakeStripeServer.WebhookSignature(payload, Secret, clock.GetUtcNow()));
            again.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("\"duplicate\":true");
            var forged = await PostAsync(http, payload.Replace(live, whileDown, StringComparison.Ordinal), FakeStripeServer.WebhookSignature(payload, Secret, clock.GetUtcNow()));
            forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var wrongSecret = await PostAsync(http, payload, FakeStripeServer.WebhookSignature(payload, "whsec_guess", clock.GetUtcNow()));
            wrongSecret.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            Events(data).Count(e => e.ObjectId == whileDown && e.Source == "webhook").ShouldBe(0, "nothing refused is kept");
            fake.Requests.Count(r => r.Method == "POST" && r.Path == $"/v1/disputes/{live}" && r.Status == 200 && !r.Replayed).ShouldBe(1, "staged once");
            TestContext.Current.SendDiagnosticMessage($"dispute created → staged through the webhook: {watch.Elapsed.TotalSeconds:0.0} s");

            // The bank decides: the funds come back and the dispute closes, each with its event.
            fake.Resolve(live, "won");
            await Cli.WaitUntilAsync(() => Case(data, live)?.Outcome?.Status == "won", TimeSpan.FromSeconds(30), Ct);
            var amount = liveDispute["amount"]!.GetValue<long>();
            Outcomes.Totals(Case(data, live)!).ShouldBe((amount, amount, 1500L));
            var outcomes = await Cli.RunAsync(work.Path, settings, Ct, "outcomes", "--csv");
            outcomes.ExitCode.ShouldBe(0, outcomes.Error);
            var lines = outcomes.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            lines[0].ShouldBe("dispute_id,reason,amount,currency,outcome,recorded_at,fought,withdrawn,reinstated,fees,net");
            lines.ShouldContain(l => l.StartsWith($"{live},", StringComparison.Ordinal) && l.Contains($",won,", StringComparison.Ordinal)
                && l.EndsWith($",true,{amount},{amount},1500,-1500", StringComparison.Ordinal));

            await Cli.TerminateAsync(run.Process, Ct);
            run.Process.ExitCode.ShouldBe(0, run.Log);
        }

        // Down: the webhook for a new dispute finds nobody listening (the fake tries once here).
        fake.CreateDispute(downDispute);
        await Cli.WaitUntilAsync(() => fake.WebhookDeliveries.Any(d => d.Status == 0), TimeSpan.FromSeconds(30), Ct);


        using (var back = await Cli.StartServingAsync(work.Path, settings, Ct, "run"))
        {
            await Cli.WaitUntilAsync(() => Case(data, whileDown)?.State == CaseState.Staged, TimeSpan.FromSeconds(60), Ct);
            Events(data).Single(e => e.ObjectId == whileDown && e.Type == "charge.dispute.created" && e.Created >= AsOf).Source.ShouldBe("catch_up");
            // Events kept but not worked before the first run stopped (the staging's own updates, the warnings) are worked now too.
            await Cli.WaitUntilAsync(() => Events(data).All(e => e.WorkedAt != null), TimeSpan.FromSeconds(60), Ct);
            await Cli.TerminateAsync(back.Process, Ct);
            back.Process.ExitCode.ShouldBe(0, back.Log);
            back.Log.ShouldNotContain("failed");
        }

        Events(data).ShouldAllBe(e => e.WorkedAt != null, "every event kept was worked");

        // Nobody receives webhooks now; a dispute closes: a sweep (the nightly backstop) records the outcome from the dispute itself.
        fake.Resolve(ids[0], "lost");
        (await Cli.RunAsync(work.Path, settings, Ct, "sweep")).ExitCode.ShouldBe(0);
        Case(data, ids[0])!.Outcome.ShouldNotBeNull().Status.ShouldBe("lost");
        var listed = JsonNode.Parse((await Cli.RunAsync(work.Path, settings, Ct, "disputes", "list", "--json")).Output)!.AsArray();
        listed.Single(r => r!["dispute_id"]!.GetValue<string>() == ids[0])!["outcome"]!.GetValue<string>().ShouldBe("lost");
        listed.Single(r => r!["dispute_id"]!.GetValue<string>() == live)!["recovered"]!.GetValue<long>().ShouldBe(liveDispute["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task TwoRunsOnOnePostgres_BothReceiveEveryEvent_EachEventKeptAndWorkedOnce_EachDisputeStagedOnce()
    {
        using var work = new TempFolder("webhooks-pg");
        await using var database = await TestDatabase.CreateAsync("webhooks", Ct);
        var (portA, portB) = (Cli.FreePort(), Cli.FreePort());
        var clock = new ReplayTimeProvider(AsOf, TimeProvider.System);
        var fresh = JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "scenarios.json")))!.AsArray().Cast<JsonObject>()
            .Where(s => s["expected_state"]!.GetValue<string>() == "staged").Select(s => s["dispute_id"]!.GetValue<string>()).Order(StringComparer.Ordinal).Take(4).ToList();
        await using var fake = await FakeStripeServer.StartAsync(new FakeStripeOptions
        {
            ApiKey = Key,
            SeedFolder = Path.Combine(Cli.Samples, "stripe"),
            Clock = clock,
            WebhookUrl = new Uri($"http://127.0.0.1:{portA}/stripe/webhook"),
            WebhookSecret = Secret,
        }, Ct);
        var withheld = fresh.Select(fake.Withhold).ToList();

        using var a = await Cli.StartServingAsync(work.Path, Settings(work.Sub("data-a"), portA, fake, database), Ct, "run");
        using var b = await Cli.StartServingAsync(work.Path, Settings(work.Sub("data-b"), portB, fake, database), Ct, "run");
        await using var db = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
        async Task<long> CountAsync(string sql)
        {
            await using var command = db.CreateCommand(sql);
            return (long)(await command.ExecuteScalarAsync(Ct))!;
        }

        // Both caught up at start, sharing the work; now the new disputes, each event delivered to
        // one process by the fake and the same event, as Stripe would redeliver it, to the other.
        var before = fake.Events.Count;
        withheld.ForEach(d => fake.CreateDispute(d));
        using var http = new HttpClient { BaseAddress = b.Url };
        foreach (var made in fake.Events.Skip(before))
        {
            var payload = made.ToJsonString();
            var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.Add("Stripe-Signature", FakeStripeServer.WebhookSignature(payload, Secret, clock.GetUtcNow()));
            (await http.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var ids = string.Join(",", fresh.Select(id => $"'{id}'"));
        await WaitForAsync(async () => await CountAsync($"select count(*) from dk_cases where state = 'staged' and dispute_id in ({ids})") == fresh.Count, TimeSpan.FromSeconds(90));
        await WaitForAsync(async () => await CountAsync("select count(*) from dk_events where worked_at is null") == 0, TimeSpan.FromSeconds(60));

        (await CountAsync($"select count(*) from dk_events where type = 'charge.dispute.created' and created >= '{AsOf:O}'")).ShouldBe(fresh.Count, "each event kept once");
        foreach (var id in fresh)
        {
            fake.Requests.Count(r => r.Method == "POST" && r.Path == $"/v1/disputes/{id}" && r.Status == 200 && !r.Replayed).ShouldBe(1, $"{id} staged once");
        }

        await Cli.TerminateAsync(a.Process, Ct);
        await Cli.TerminateAsync(b.Process, Ct);
        a.Process.ExitCode.ShouldBe(0, a.Log);
        b.Process.ExitCode.ShouldBe(0, b.Log);
    }

    /// <summary><c>run</c> on the fake with webhooks on, and no poll or nightly sweep in a test's lifetime: events and catching up alone.</summary>
    private static Dictionary<string, string> Settings(string data, int port, FakeStripeServer fake, TestDatabase? database = null)
    {
        var settings = Cli.Settings(data);
        if (database is not null)
        {
            settings["DisputeKit__Store__Kind"] = "postgres";
            settings["DisputeKit__Store__ConnectionString"] = database.ConnectionString;
        }

        settings["Stripe__ApiKey"] = Key;
        settings["Stripe__ApiBase"] = fake.BaseUri.ToString();
        settings["Stripe__FilesBase"] = fake.BaseUri.ToString();
        settings["Stripe__WebhookSecrets__0"] = Secret;
        settings["DisputeKit__Review__Url"] = $"http://127.0.0.1:{port}";
        settings["DisputeKit__ReplayAt"] = AsOf.ToString("O");
        settings["DisputeKit__Worker__PollOnStart"] = "false";
        settings["DisputeKit__Worker__PollCron"] = "0 0 0 1 1 ? 2099";
        settings["DisputeKit__Worker__SweepCron"] = "0 0 0 1 1 ? 2099";
        return settings;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            waited.Elapsed.ShouldBeLessThan(limit, "the programs did not get there in time");
            await Task.Delay(200, Ct);
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string payload, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signature);
        return http.SendAsync(request, Ct);
    }

    private static DisputeCase? Case(string data, string id)
    {
        var path = Path.Combine(data, "cases", id + ".json");
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<DisputeCase>(File.ReadAllText(path), DisputeKitJson.Options) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static List<StripeEvent> Events(string data) =>
        Directory.Exists(Path.Combine(data, "events"))
            ? [.. Directory.GetFiles(Path.Combine(data, "events"), "*.json").Select(f => JsonSerializer.Deserialize<StripeEvent>(File.ReadAllText(f), DisputeKitJson.Options)!)]
            : [];
}

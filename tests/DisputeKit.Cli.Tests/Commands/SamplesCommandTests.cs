using System.Text.Json.Nodes;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

public sealed class SamplesCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<JsonNode> Lines(string file) =>
        File.ReadLines(Path.Combine(Cli.Samples, file)).Select(l => JsonNode.Parse(l)!);

    [Fact]
    public async Task Generate_FixedSeed_ReproducesTheCheckedInSampleSet()
    {
        using var folder = new TempFolder("gen");
        var work = folder.Sub("out");
        var run = await Cli.RunAsync(Cli.Root, new Dictionary<string, string>(), Ct, "samples", "generate", "--out", work);

        run.ExitCode.ShouldBe(0, run.Error);
        var expected = Directory.GetFiles(Cli.Samples, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Cli.Samples, f)).Order().ToList();
        Directory.GetFiles(work, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(work, f)).Order().ShouldBe(expected);
        foreach (var file in expected)
        {
            (await File.ReadAllBytesAsync(Path.Combine(work, file), Ct)).ShouldBe(await File.ReadAllBytesAsync(Path.Combine(Cli.Samples, file), Ct), file);
        }
    }

    [Fact]
    public async Task Generate_WithClosedDisputes_AddsThemAfterTheRest_TheSeedsSetUnchanged()
    {
        using var folder = new TempFolder("gen-closed");
        var work = folder.Sub("out");
        var run = await Cli.RunAsync(Cli.Root, new Dictionary<string, string>(), Ct, "samples", "generate", "--out", work, "--closed", "12");

        run.ExitCode.ShouldBe(0, run.Error);
        (await File.ReadAllBytesAsync(Path.Combine(work, "scenarios.json"), Ct)).ShouldBe(await File.ReadAllBytesAsync(Path.Combine(Cli.Samples, "scenarios.json"), Ct));
        foreach (var file in Directory.GetFiles(Cli.Samples, "*.jsonl"))
        {
            var before = await File.ReadAllLinesAsync(file, Ct);
            (await File.ReadAllLinesAsync(Path.Combine(work, Path.GetFileName(file)), Ct)).Take(before.Length).ShouldBe(before, Path.GetFileName(file));
        }

        var disputes = JsonNode.Parse(File.ReadAllText(Path.Combine(work, "stripe", "disputes.json")))!.AsArray();
        var open = JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "stripe", "disputes.json")))!.AsArray();
        disputes.Take(open.Count).Select(d => d!.ToJsonString()).ShouldBe(open.Select(d => d!.ToJsonString()));
        var closed = disputes.Skip(open.Count).Cast<JsonObject>().ToList();
        closed.Count.ShouldBe(12);
        closed.ShouldAllBe(d => d["status"]!.GetValue<string>() == "won" || d["status"]!.GetValue<string>() == "lost" || d["status"]!.GetValue<string>() == "warning_closed");
        closed.Where(d => d["status"]!.GetValue<string>() == "won").ShouldAllBe(d => d["balance_transactions"]!.AsArray().Any(t => t!["amount"]!.GetValue<long>() > 0));
        JsonNode.Parse(File.ReadAllText(Path.Combine(work, "closed_scenarios.json")))!.AsArray().Select(c => c!["dispute_id"]!.GetValue<string>())
            .ShouldBe(closed.Select(d => d["id"]!.GetValue<string>()));
    }

    [Fact]
    public void SampleSet_CoversWhatThePolicyAndTheFormatNeed()
    {
        Lines("customers.jsonl").Count().ShouldBeGreaterThanOrEqualTo(150);
        var orders = Lines("orders.jsonl").ToList();
        orders.Count.ShouldBeGreaterThanOrEqualTo(1000);
        var created = orders.Select(o => DateTimeOffset.Parse(o["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        (created.Max() - created.Min()).TotalDays.ShouldBeGreaterThanOrEqualTo(365);
        orders.Select(o => o["service"]!["kind"]!.GetValue<string>()).Distinct().Order()
            .ShouldBe(["account", "auto_likes", "comments", "followers", "likes", "plays", "shares", "subscribers", "views"]);

        var events = Lines("delivery_events.jsonl").Select(e => e["type"]!.GetValue<string>()).ToHashSet();
        events.ShouldContain("drop_detected");
        events.ShouldContain("refill_completed");
        events.ShouldContain("account_login");

        var messages = Lines("support_messages.jsonl").Select(m => m["body"]!.GetValue<string>()).ToList();
        messages.ShouldContain(m => m.Contains("bestelling"));   // Dutch
        messages.ShouldContain(m => m.Contains("ordre"));        // Danish
        messages.ShouldContain(m => m.Contains("commande"));     // French
        messages.ShouldContain(m => m.Contains("order"));        // English

        Lines("policy_acceptances.jsonl").Count().ShouldBe(orders.Count);
        Lines("account_activity.jsonl").ShouldContain(a => a["type"]!.GetValue<string>() == "login");
        Lines("subscriptions.jsonl").ShouldContain(s => s["renewals"]!.AsArray().Count > 2);
        Lines("refunds.jsonl").ShouldNotBeEmpty();

        var disputes = JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "stripe", "disputes.json")))!.AsArray();
        disputes.Count.ShouldBeGreaterThanOrEqualTo(40);
        disputes.ShouldAllBe(d => d!["object"]!.GetValue<string>() == "dispute" && d["evidence_details"] != null);
        var reasons = disputes.Select(d => d!["reason"]!.GetValue<string>()).ToHashSet();
        foreach (var reason in new[] { "product_not_received", "product_unacceptable", "subscription_canceled", "credit_not_processed", "duplicate", "fraudulent", "unrecognized", "general" })
        {
            reasons.ShouldContain(reason);
        }

        var scenarios = JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "scenarios.json")))!.AsArray();
        scenarios.ShouldContain(s => s!["expected_verdict"]!.GetValue<string>() == "accept");
        scenarios.ShouldContain(s => s!["expected_verdict"]!.GetValue<string>() == "partial");
        scenarios.ShouldContain(s => s!["customer_id"] == null);
    }

    [Fact]
    public async Task Generate_LargerSize_ScalesTheSet()
    {
        using var folder = new TempFolder("gen-big");
        var work = folder.Sub("out");
        var run = await Cli.RunAsync(Cli.Root, new Dictionary<string, string>(), Ct,
            "samples", "generate", "--out", work, "--customers", "400", "--orders", "5000", "--disputes", "120");

        run.ExitCode.ShouldBe(0, run.Error);
        File.ReadLines(Path.Combine(work, "orders.jsonl")).Count().ShouldBeGreaterThanOrEqualTo(5000);
        JsonNode.Parse(File.ReadAllText(Path.Combine(work, "stripe", "disputes.json")))!.AsArray().Count.ShouldBe(120);
        JsonNode.Parse(File.ReadAllText(Path.Combine(work, "stripe", "disputes.json")))!.AsArray()
            .Select(d => d!["id"]!.GetValue<string>()).Distinct().Count().ShouldBe(120);
    }
}

using System.Text.Json.Nodes;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

public sealed class SweepCommandTests(SweepFixture sweep) : IClassFixture<SweepFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IEnumerable<JsonObject> ScenariosIn(string state) => sweep.Scenarios.Where(s => s["expected_state"]!.GetValue<string>() == state);

    private static IEnumerable<JsonObject> Posts(JsonArray requests, string path) =>
        requests.Cast<JsonObject>().Where(r => r["Method"]!.GetValue<string>() == "POST" && r["Path"]!.GetValue<string>() == path);

    [Fact]
    public void Sweep_EmbeddedDefault_ExitsZeroAndPrintsSummary()
    {
        sweep.First.ExitCode.ShouldBe(0, sweep.First.Error);
        sweep.First.Output.ShouldContain($"{sweep.Scenarios.Count} disputes:");
        sweep.First.Output.ShouldContain("0 failed");
        sweep.First.Output.ShouldContain($"{sweep.Scenarios.Count} changed in this run");
    }

    [Fact]
    public async Task Sweep_OnATerminal_ShowsAProgressBar_RedirectedOutputHasNone()
    {
        // A pseudo-terminal, as a person at a shell has: the progress bar goes to standard error.
        using var work = new TempFolder("progress");
        var start = new System.Diagnostics.ProcessStartInfo("script", ["-qec", $"{Path.Combine(AppContext.BaseDirectory, "disputekit")} sweep", "/dev/null"])
        {
            WorkingDirectory = work.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("STRIPE_API_KEY");
        start.Environment["TERM"] = "xterm";
        foreach (var (key, value) in Cli.Settings(work.Sub("data")))
        {
            start.Environment[key] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var screen = process.StandardOutput.ReadToEndAsync(Ct);
        await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        process.ExitCode.ShouldBe(0, await screen);
        var shown = await screen;
        // The bar redraws on a timer, so which intermediate lines appear depends on timing; the
        // last redraw (all done, 100%) always does, drawn with terminal escape codes.
        shown.ShouldContain("\u001b[");
        shown.ShouldContain($"{sweep.Scenarios.Count}/{sweep.Scenarios.Count} dp_");
        shown.ShouldContain("100%");
        shown.ShouldContain($"{sweep.Scenarios.Count} disputes: {Cli.SampleExpected("staged")} staged");

        // Scripts read plain output: no bar, no escape codes.
        sweep.First.Error.ShouldNotContain("Sweeping");
        sweep.First.Output.ShouldNotContain("\u001b[");
    }

    [Fact]
    public void Sweep_EveryDecidedCase_CarriesItsEconomics_AndTheSummaryRanksByValue()
    {
        var gains = new List<(string Scenario, long Gain)>();
        foreach (var s in sweep.Scenarios.Where(s => s["expected_state"]!.GetValue<string>() != "skipped"))
        {
            var name = s["scenario"]!.GetValue<string>();
            var economics = sweep.Case(s["dispute_id"]!.GetValue<string>())["economics"]!.AsObject();
            economics["win_chance"]!.GetValue<double>().ShouldBeInRange(0.02, 0.95, name);
            economics["basis"]!.GetValue<string>().ShouldContain("evidence strength", Case.Sensitive, name);
            gains.Add((name, economics["expected_gain"]!.GetValue<long>()));
        }

        // What the policy says is owed is not at stake: a refund-owed case is worth less than a delivered one.
        gains.Single(g => g.Scenario == "pnr-not-started-no-contact").Gain
            .ShouldBeLessThan(gains.Single(g => g.Scenario == "pnr-delivered-no-contact").Gain);
        sweep.First.Output.ShouldContain("Ranked by value");
    }

    [Fact]
    public async Task Sweep_WritesOneReadablePdfPerFightableDispute()
    {
        var fightable = ScenariosIn("staged").ToList();
        fightable.Count.ShouldBeGreaterThan(20);
        Directory.GetFiles(Path.Combine(sweep.Data, "packs"), "*.pdf").Length.ShouldBe(fightable.Count);

        var locales = File.ReadLines(Path.Combine(Cli.Samples, "customers.jsonl")).Select(l => JsonNode.Parse(l)!)
            .ToDictionary(c => c["id"]!.GetValue<string>(), c => c["locale"]!.GetValue<string>());
        foreach (var s in fightable)
        {
            var id = s["dispute_id"]!.GetValue<string>();
            var pdf = Path.Combine(sweep.Data, "packs", id + ".pdf");
            (await Tool.RunAsync("pdfinfo", [pdf], Ct)).ShouldContain("Pages:");
            var text = await Tool.RunAsync("pdftotext", ["-enc", "UTF-8", pdf, "-"], Ct);
            text.ShouldContain(id);
            text.ShouldContain(s["order_id"]!.GetValue<string>());
            foreach (var orderId in s["order_ids"]?.AsArray().Select(o => o!.GetValue<string>()) ?? [])
            {
                // One payment, several orders: each has its own delivery section, headed by its number.
                text.ShouldContain($"Order {orderId} —", customMessage: id);
            }
            if (s["quantity"] is { } quantity)
            {
                text.ShouldContain($"{s["delivered"]} of {quantity}");
            }

            text.ShouldContain("Prior contact");
            if (s["customer_id"] is { } customer && locales[customer.GetValue<string>()] is var locale && locale != "en")
            {
                text.ShouldContain($"As published ({locale}):", customMessage: id);
            }

            text.ShouldMatch(@"(did not contact support|contacted support)");
        }
    }

    [Fact]
    public void Sweep_StagesOncePerFoughtDispute_NeverSubmits()
    {
        var staged = ScenariosIn("staged").Select(s => s["dispute_id"]!.GetValue<string>()).ToList();
        var posts = sweep.RequestsAfterFirst.Cast<JsonObject>()
            .Where(r => r["Method"]!.GetValue<string>() == "POST" && r["Path"]!.GetValue<string>().StartsWith("/v1/disputes/", StringComparison.Ordinal))
            .ToList();

        posts.Select(p => p["Path"]!.GetValue<string>()).Order().ShouldBe(staged.Select(id => $"/v1/disputes/{id}").Order());
        posts.ShouldAllBe(p => p["Form"]!["submit"]!.GetValue<string>() == "false");
        posts.ShouldAllBe(p => p["Status"]!.GetValue<int>() == 200);
        var uploads = Posts(sweep.RequestsAfterFirst, "/v1/files").Select(p => p["IdempotencyKey"]!.GetValue<string>()).ToList();
        uploads.Count(k => k.Contains("-pack-", StringComparison.Ordinal)).ShouldBe(staged.Count);
        uploads.Count(k => k.Contains("-policy-", StringComparison.Ordinal)).ShouldBe(staged.Count, "the policy fits beside every sample pack");
        uploads.ShouldAllBe(k => k.Contains("-pack-") || k.Contains("-policy-") || k.Contains("-transcript-"));
    }

    [Fact]
    public void Sweep_BesideEachPack_SendsTheTranscriptAndThePolicy_WithinTheBudget_FileIdsOnTheCase()
    {
        var (sent, leftOutForBudget) = EvidenceFiles.Check(sweep.Data, maxPages: 19, maxBytes: 4_000_000);

        leftOutForBudget.ShouldBe(0, "every sample pack leaves room for both");
        var staged = ScenariosIn("staged").Count();
        sent.ShouldBeGreaterThan(staged, "a policy for every staged dispute, and transcripts where the customer wrote");
        sent.ShouldBeLessThan(2 * staged, "some customers never wrote: no transcript is sent for them");
    }

    [Fact]
    public void Sweep_SecondRun_SendsNothingNewAndChangesNothing()
    {
        sweep.Second.ExitCode.ShouldBe(0, sweep.Second.Error);
        sweep.Second.Output.ShouldContain("0 changed in this run");
        sweep.RequestsAfterSecond.Count.ShouldBe(sweep.RequestsAfterFirst.Count);
    }

    [Fact]
    public void Sweep_EveryScenario_EndsAsThePolicyImplies()
    {
        foreach (var s in sweep.Scenarios)
        {
            var name = s["scenario"]!.GetValue<string>();
            var c = sweep.Case(s["dispute_id"]!.GetValue<string>());
            c["state"]!.GetValue<string>().ShouldBe(s["expected_state"]!.GetValue<string>(), name);
            if (s["expected_state"]!.GetValue<string>() != "skipped")
            {
                c["verdict"]!["kind"]!.GetValue<string>().ShouldBe(s["expected_verdict"]!.GetValue<string>(), name);
            }

            if (s["expected_amount_owed"] is { } owed)
            {
                c["verdict"]!["amount_owed"]!.GetValue<long>().ShouldBe(owed.GetValue<long>(), name);
            }
        }
    }

    [Fact]
    public void Sweep_EveryEarlyFraudWarning_DecidedAsItsScenarioImplies_NothingRefundedInReviewMode()
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "warning_scenarios.json")))!.AsArray().Cast<JsonObject>().ToList();
        expected.Count.ShouldBe(5);
        foreach (var w in expected)
        {
            var name = w["scenario"]!.GetValue<string>();
            var kept = JsonNode.Parse(File.ReadAllText(Path.Combine(sweep.Data, "warnings", w["warning_id"]!.GetValue<string>() + ".json")))!;
            kept["state"]!.GetValue<string>().ShouldBe(w["expected_state"]!.GetValue<string>(), name);
            kept["charge_id"]!.GetValue<string>().ShouldBe(w["charge_id"]!.GetValue<string>(), name);
            if (w["order_id"] is { } order)
            {
                kept["order_ids"]!.AsArray().Select(o => o!.GetValue<string>()).ShouldBe([order.GetValue<string>()], name);
            }

            if (name != "already_disputed")
            {
                kept["decision"]!["reasons"]!.AsArray().Count.ShouldBeGreaterThan(1, name);
            }

            // A warning is the cardholder's own report: never a friendly-fraud flag.
            foreach (var flag in Directory.GetFiles(Path.Combine(sweep.Data, "flags"), "*.json"))
            {
                File.ReadAllText(flag).Contains(w["warning_id"]!.GetValue<string>(), StringComparison.Ordinal).ShouldBeFalse(name);
            }
        }

        Posts(sweep.RequestsAfterSecond, "/v1/refunds").ShouldBeEmpty("review mode proposes; a person refunds");
        sweep.First.Output.ShouldContain("Early fraud warnings (review mode): 5 listed, 5 changed; 2 refunds proposed, 0 refunded, 1 watched, 1 for a person, 1 already disputed.");
        sweep.Second.Output.ShouldContain("Early fraud warnings (review mode): 5 listed, 0 changed;");
    }

    [Fact]
    public void Sweep_ACheckoutOfSeveralOrders_EveryOrderJudged_AndTheStagedFieldsNameThemAll()
    {
        var checkouts = sweep.Scenarios.Where(s => s["order_ids"] is JsonArray).ToList();
        checkouts.Count.ShouldBe(2);
        foreach (var s in checkouts)
        {
            var id = s["dispute_id"]!.GetValue<string>();
            var orders = s["order_ids"]!.AsArray().Select(o => o!.GetValue<string>()).ToList();
            sweep.Case(id)["order_ids"]!.AsArray().Select(o => o!.GetValue<string>()).ShouldBe(orders, id);
            var facts = string.Join(" ", sweep.Case(id)["verdict"]!["facts"]!.AsArray().Select(f => f!.GetValue<string>()));
            orders.ShouldAllBe(o => facts.Contains($"Order {o} (", StringComparison.Ordinal), "each order judged alone");
        }

        var staged = checkouts.Single(s => s["expected_state"]!.GetValue<string>() == "staged");
        var form = Posts(sweep.RequestsAfterFirst, $"/v1/disputes/{staged["dispute_id"]}").First()["Form"]!.AsObject();
        foreach (var orderId in staged["order_ids"]!.AsArray().Select(o => o!.GetValue<string>()))
        {
            form["evidence[product_description]"]!.GetValue<string>().ShouldContain($"order {orderId}");
            form["evidence[refund_refusal_explanation]"]!.GetValue<string>().ShouldContain(orderId);
            form["metadata[order_id]"]!.GetValue<string>().Split(',').ShouldContain(orderId);
        }
    }

    [Fact]
    public void Sweep_FlagsOnlyAccountsThatDisputedWithoutContact()
    {
        foreach (var s in sweep.Scenarios.Where(s => s["customer_id"] is not null))
        {
            var name = s["scenario"]!.GetValue<string>();
            var flagFile = Path.Combine(sweep.Data, "flags", s["customer_id"]!.GetValue<string>() + ".json");
            var expected = s["expected_flag"]!.GetValue<string>();
            if (expected == "none")
            {
                File.Exists(flagFile).ShouldBeFalse(name);
                continue;
            }

            var flag = JsonNode.Parse(File.ReadAllText(flagFile))!;
            flag["severity"]!.GetValue<string>().ShouldBe(expected, name);
            flag["state"]!.GetValue<string>().ShouldBe("proposed", name);
            flag["disputes"]!.AsArray().Select(d => d!["dispute_id"]!.GetValue<string>()).ShouldContain(s["dispute_id"]!.GetValue<string>(), name);
            if (s["reason"]!.GetValue<string>() is "fraudulent" or "unrecognized")
            {
                flag["suggested_action"]!.GetValue<string>().ShouldBe("person_review", name);
            }
        }
    }

    [Fact]
    public void Sweep_DisputeWithoutOrder_SetAsideWithWhatWasTried()
    {
        var noMatch = sweep.Scenarios.Single(s => s["scenario"]!.GetValue<string>() == "pnr-no-matching-order");
        var c = sweep.Case(noMatch["dispute_id"]!.GetValue<string>());

        c["state"]!.GetValue<string>().ShouldBe("set_aside");
        c["note"]!.GetValue<string>().ShouldContain("No order or subscription renewal matches");
        c["verdict"]!["facts"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldContain(f => f.Contains("payment.stripe_charge_id"));
        c["audit"]!.AsArray().Count.ShouldBeGreaterThanOrEqualTo(3);
    }
}

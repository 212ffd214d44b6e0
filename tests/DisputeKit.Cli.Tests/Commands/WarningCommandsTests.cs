using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Configuration;
using DisputeKit.Core.Json;
using DisputeKit.Core.Warnings;
using DisputeKit.StripeFake;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// Early fraud warnings through the real program and the fake over HTTP: a person's
/// <c>efw refund</c> killed after Stripe applied it, run again, refunds nothing more; a disputed
/// charge is refused; <c>efw dismiss</c> is kept; and <c>run</c> in auto mode refunds a warning
/// the moment its webhook arrives, within the ceiling, once.
/// </summary>
public sealed class WarningCommandsTests
{
    private const string Key = "sk_test_warnings_0123456789";
    private const string Secret = "whsec_warnings_0123456789";
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<JsonObject> Scenarios() =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "warning_scenarios.json")))!.AsArray().Cast<JsonObject>()];

    private static string WarningOf(string scenario) => Scenarios().First(s => s["scenario"]!.GetValue<string>() == scenario)["warning_id"]!.GetValue<string>();

    [Fact]
    public async Task Refund_KilledAfterStripeApplied_RunAgain_FoundOnTheCharge_OneRefund_DisputedRefused_DismissKept()
    {
        using var work = new TempFolder("efw");
        await using var fake = await FakeStripeServer.StartAsync(new FakeStripeOptions
        {
            ApiKey = Key,
            SeedFolder = Path.Combine(Cli.Samples, "stripe"),
            Clock = new ReplayTimeProvider(AsOf, TimeProvider.System),
        }, Ct);
        var data = work.Sub("data");
        var settings = Settings(data, fake);
        settings["DisputeKit__EarlyFraudWarnings__BlockCardOnRefund"] = "true";
        settings["DisputeKit__Radar__CardFingerprintListId"] = "rsl_cards";
        (await Cli.RunAsync(work.Path, settings, Ct, "sweep")).ExitCode.ShouldBe(0);
        var owed = WarningOf("not_started");
        Warning(data, owed).State.ShouldBe(WarningState.Proposed);

        // Stripe applies the refund and takes its time answering; the person's command is killed meanwhile.
        fake.Faults.Enqueue(FakeFault.SlowAfterApplying(TimeSpan.FromSeconds(60), "/v1/refunds"));
        using (var process = Cli.Start(work.Path, settings, "efw", "refund", owed, "--by", "anna"))
        {
            await Cli.WaitUntilAsync(() => fake.Refunds.Count == 1, TimeSpan.FromSeconds(60), Ct);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct);
        }

        var halfway = Warning(data, owed);
        halfway.State.ShouldBe(WarningState.Refunding, "recorded before it was sent; the answer never came");
        halfway.Refund.ShouldNotBeNull().RefundId.ShouldBeNull();

        var again = await Cli.RunAsync(work.Path, settings, Ct, "efw", "refund", owed, "--by", "anna");

        again.ExitCode.ShouldBe(0, again.Error);
        again.Output.ShouldContain("went in");
        fake.Refunds.Count.ShouldBe(1, "refunded once across the kill");
        fake.Requests.Count(r => r.Path == "/v1/refunds").ShouldBe(1, "the second run read the charge and sent nothing");
        var refunded = Warning(data, owed);
        refunded.State.ShouldBe(WarningState.Refunded);
        fake.Refunds.Single()["reason"]!.GetValue<string>().ShouldBe("fraudulent", "blocking asked: Stripe's own lists take the card too");
        refunded.BlockedCard.ShouldNotBeNull().ListId.ShouldBe("rsl_cards");
        fake.RadarValues().ShouldBe([("rsl_cards", refunded.CardFingerprint!)]);
        fake.Charge(Scenarios().First(s => s["scenario"]!.GetValue<string>() == "not_started")["charge_id"]!.GetValue<string>())["refunded"]!.GetValue<bool>().ShouldBeTrue();

        var disputed = await Cli.RunAsync(work.Path, settings, Ct, "efw", "refund", WarningOf("already_disputed"));
        disputed.ExitCode.ShouldBe(5);
        disputed.Error.ShouldContain("disputed");

        var dismissed = await Cli.RunAsync(work.Path, settings, Ct, "efw", "dismiss", WarningOf("small_delivered"), "--by", "anna", "--note", "regular customer, card not stolen");
        dismissed.ExitCode.ShouldBe(0, dismissed.Error);
        Warning(data, WarningOf("small_delivered")).ShouldSatisfyAllConditions(
            w => w.State.ShouldBe(WarningState.Dismissed),
            w => w.History[^1].By.ShouldBe("anna"));
        (await Cli.RunAsync(work.Path, settings, Ct, "efw", "dismiss", owed)).ExitCode.ShouldBe(5, "a refunded warning cannot be dismissed");

        var listed = JsonNode.Parse((await Cli.RunAsync(work.Path, settings, Ct, "efw", "list", "--open", "--json")).Output)!.AsArray();
        listed.Select(w => w!["state"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList().ShouldBe(["needs_person", "watching"], "the watched one and the one for a person are still open");
        fake.Refunds.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Run_AutoMode_AWarningsWebhook_RefundedAtOnce_WithinTheCeiling_AboveItProposed()
    {
        using var work = new TempFolder("efw-run");
        var port = Cli.FreePort();
        var clock = new ReplayTimeProvider(AsOf, TimeProvider.System);
        await using var fake = await FakeStripeServer.StartAsync(new FakeStripeOptions
        {
            ApiKey = Key,
            SeedFolder = Path.Combine(Cli.Samples, "stripe"),
            Clock = clock,
            WebhookUrl = new Uri($"http://127.0.0.1:{port}/stripe/webhook"),
            WebhookSecret = Secret,
        }, Ct);

        // A purchase from the shop's records no warning was about: a 9.99-or-less order paid by card.
        var order = File.ReadLines(Path.Combine(Cli.Samples, "orders.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject())
            .First(o => o["amount"]!.GetValue<long>() < 1_000 && o["status"]!.GetValue<string>() == "completed" && o["payment"]?["stripe_charge_id"] is not null);
        var chargeId = order["payment"]!["stripe_charge_id"]!.GetValue<string>();
        var currency = order["currency"]!.GetValue<string>();
        fake.AddCharge(new JsonObject
        {
            ["id"] = chargeId,
            ["object"] = "charge",
            ["amount"] = order["amount"]!.GetValue<long>(),
            ["amount_refunded"] = 0,
            ["currency"] = currency,
            ["created"] = DateTimeOffset.Parse(order["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
            ["disputed"] = false,
            ["refunded"] = false,
        });

        var settings = Settings(work.Sub("data"), fake);
        settings["DisputeKit__EarlyFraudWarnings__Mode"] = "auto";
        foreach (var c in new[] { "eur", "gbp", "usd", "dkk" })
        {
            settings[$"DisputeKit__EarlyFraudWarnings__AutoRefundBelow__{c}"] = "1000";
        }

        settings["Stripe__WebhookSecrets__0"] = Secret;
        settings["DisputeKit__Review__Url"] = $"http://127.0.0.1:{port}";
        settings["DisputeKit__Worker__PollOnStart"] = "false";
        settings["DisputeKit__Worker__PollCron"] = "0 0 0 1 1 ? 2099";
        settings["DisputeKit__Worker__SweepCron"] = "0 0 0 1 1 ? 2099";
        var data = settings["DisputeKit__DataPath"];

        using var run = await Cli.StartServingAsync(work.Path, settings, Ct, "run");
        // Caught up at start: the sample's warnings decided; the small one (2.99) refunded within the ceiling, the owed one above it proposed.
        await Cli.WaitUntilAsync(() => TryWarning(data, WarningOf("small_delivered"))?.State == WarningState.Refunded, TimeSpan.FromSeconds(90), Ct);
        await Cli.WaitUntilAsync(() => TryWarning(data, WarningOf("not_started"))?.State == WarningState.Proposed, TimeSpan.FromSeconds(30), Ct);

        var live = fake.CreateWarning(chargeId, "unauthorized_use_of_card");
        try
        {
            await Cli.WaitUntilAsync(() => TryWarning(data, live)?.State == WarningState.Refunded, TimeSpan.FromSeconds(60), Ct);
        }
        catch (ShouldAssertException)
        {
            throw new ShouldAssertException($"{live}: {JsonSerializer.Serialize(TryWarning(data, live), DisputeKitJson.Options)}\n{string.Join("\n", fake.WebhookDeliveries)}\n{run.Log}");
        }

        var refunded = Warning(data, live);
        refunded.Refund.ShouldNotBeNull().RequestedBy.ShouldBe(WarningDesk.System);
        refunded.Decision.ShouldNotBeNull().Action.ShouldBe(WarningAction.Refund);
        fake.WebhookDeliveries.ShouldContain(d => d.Status == 200);
        fake.Refunds.Select(r => r["charge"]!.GetValue<string>()).ShouldBe([Scenarios().First(s => s["scenario"]!.GetValue<string>() == "small_delivered")["charge_id"]!.GetValue<string>(), chargeId]);
        await Cli.TerminateAsync(run.Process, Ct);
        run.Process.ExitCode.ShouldBe(0, run.Log);
        fake.Refunds.Count.ShouldBe(2, "each once, though the refund's own warning.updated event came back too");
    }

    private static Dictionary<string, string> Settings(string data, FakeStripeServer fake)
    {
        var settings = Cli.Settings(data);
        settings["Stripe__ApiKey"] = Key;
        settings["Stripe__ApiBase"] = fake.BaseUri.ToString();
        settings["Stripe__FilesBase"] = fake.BaseUri.ToString();
        settings["DisputeKit__ReplayAt"] = AsOf.ToString("O");
        return settings;
    }

    private static WarningCase Warning(string data, string id) => TryWarning(data, id).ShouldNotBeNull($"warning {id} kept");

    private static WarningCase? TryWarning(string data, string id)
    {
        var path = Path.Combine(data, "warnings", id + ".json");
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<WarningCase>(File.ReadAllText(path), DisputeKitJson.Options) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}

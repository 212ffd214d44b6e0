using System.Text.Json.Nodes;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// Flags confirmed and lifted from the command line after a real sweep, with the shop's account
/// action a signed webhook to a test server on 127.0.0.1.
/// </summary>
public sealed class FlagCommandsTests(FinanceFixture sweep) : IClassFixture<FinanceFixture>, IAsyncLifetime
{
    private const string Secret = "whsec_cli_test_0123456789";

    private ShopServer _shop = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _shop = await ShopServer.StartAsync();

    public ValueTask DisposeAsync() => _shop.DisposeAsync();

    private Task<Cli.Run> Flags(params string[] args) => FlagsWith(null, args);

    private Task<Cli.Run> FlagsWith(Dictionary<string, string>? extra, params string[] args)
    {
        var settings = Cli.Settings(sweep.Data);
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        settings["DisputeKit__AccountAction__Kind"] = "webhook";
        settings["DisputeKit__AccountAction__Url"] = _shop.Url + "/accounts";
        settings["DisputeKit__AccountAction__Secret"] = Secret;
        settings["DisputeKit__AccountAction__Attempts"] = "2";
        return Cli.RunAsync(sweep.WorkDir, settings, Ct, ["flags", .. args]);
    }

    private async Task<JsonArray> FlagsJson(params string[] args)
    {
        var run = await Flags([.. args, "--json"]);
        run.ExitCode.ShouldBe(0, run.Error);
        return JsonNode.Parse(run.Output)!.AsArray();
    }

    /// <summary>Proposed flags of one severity, one customer per test so the tests do not meet.</summary>
    private async Task<string> ProposedCustomer(bool review, int skip)
    {
        var flags = await FlagsJson("list", "--state", "proposed");
        return flags.Where(f => (f!["severity"]!.GetValue<string>() == "review") == review)
            .Select(f => f!["customer_id"]!.GetValue<string>()).Order(StringComparer.Ordinal).Skip(skip).First();
    }


    [Fact]
    public async Task ConfirmThenLift_ShopCalledSignedEachTime_FlagRecordsWhoWhenWhy()
    {
        var customer = await ProposedCustomer(review: false, skip: 0);

        var confirm = await Flags("confirm", customer, "--action", "suspend", "--reason", "disputed without contacting support", "--by", "ana");
        var lift = await Flags("lift", customer, "--reason", "the customer wrote in and withdrew the dispute", "--by", "bob");

        confirm.ExitCode.ShouldBe(0, confirm.Error);
        confirm.Output.ShouldContain($"Flag on {customer} is confirmed.");
        lift.ExitCode.ShouldBe(0, lift.Error);
        var calls = _shop.Calls.Where(c => JsonNode.Parse(c.Body)!["customer_id"]!.GetValue<string>() == customer).ToList();
        calls.Select(c => JsonNode.Parse(c.Body)!["type"]!.GetValue<string>()).ShouldBe(["account.suspend", "account.restore"]);
        calls.ShouldAllBe(c => c.VerifiesWith(Secret));
        calls.Select(c => c.Path).Distinct().ShouldBe(["/accounts"]);

        var flag = (await FlagsJson("show", customer))[0]!;
        flag["state"]!.GetValue<string>().ShouldBe("lifted");
        var steps = flag["history"]!.AsArray().Where(h => h!["by_person"]!.GetValue<bool>()).Select(h => (
            h!["to"]!.GetValue<string>(), h["by"]!.GetValue<string>(), h["why"]!.GetValue<string>())).ToList();
        steps.ShouldBe([("confirmed", "ana", "disputed without contacting support"), ("lifted", "bob", "the customer wrote in and withdrew the dispute")]);
        flag["shop_calls"]!.AsArray().Select(c => (c!["action"]!.GetValue<string>(), c["succeeded"]!.GetValue<bool>()))
            .ShouldBe([("suspend", true), ("restore", true)]);
        flag["shop_calls"]![0]!["target"]!.GetValue<string>().ShouldBe($"webhook {_shop.Url}/accounts");
        (await Flags("show", customer)).Output.ShouldContain("proposed → confirmed");
    }

    [Fact]
    public async Task Confirm_ShopDown_ExitThree_FlagStaysProposed_TheAnswerKept()
    {
        var customer = await ProposedCustomer(review: false, skip: 1);
        _shop.Script.Enqueue((500, TimeSpan.Zero));
        _shop.Script.Enqueue((502, TimeSpan.Zero));

        var run = await Flags("confirm", customer, "--action", "limit", "--reason", "no contact", "--by", "ana");

        run.ExitCode.ShouldBe(3, run.Output);
        run.Error.ShouldContain("The shop did not limit the account");
        run.Error.ShouldContain("HTTP 502");
        var flag = (await FlagsJson("show", customer))[0]!;
        flag["state"]!.GetValue<string>().ShouldBe("proposed");
        flag["shop_calls"]!.AsArray().ShouldHaveSingleItem()!["succeeded"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Confirm_CardTheftClaimFlag_APersonMay_AndNoFlagOrBadInputSaysSo()
    {
        var customer = await ProposedCustomer(review: true, skip: 0);

        var confirmed = await Flags("confirm", customer, "--action", "limit", "--reason", "logins from the same device after the purchase", "--by", "ana");
        var unknown = await Flags("confirm", "C-nobody", "--action", "limit", "--reason", "x", "--by", "ana");
        var again = await Flags("confirm", customer, "--action", "suspend", "--reason", "x", "--by", "ana");
        var none = await Flags("show", "C-nobody");

        confirmed.ExitCode.ShouldBe(0, confirmed.Error);
        unknown.ExitCode.ShouldBe(4);
        unknown.Error.ShouldContain("No open flag on customer C-nobody");
        again.ExitCode.ShouldBe(5);
        again.Error.ShouldContain("already confirmed (limit)");
        none.ExitCode.ShouldBe(4);
    }

    [Fact]
    public async Task BadAccountActionSettings_ExitTwo_NamingTheSetting_NeverTheSecret()
    {
        var settings = Cli.Settings(sweep.Data);
        settings["DisputeKit__AccountAction__Kind"] = "webhook";
        settings["DisputeKit__AccountAction__Url"] = "not a url";
        settings["DisputeKit__AccountAction__Secret"] = "tooshort-secret";

        var run = await Cli.RunAsync(sweep.WorkDir, settings, Ct, "flags", "list");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("DisputeKit:AccountAction:Url must be an http or https address");
        run.Error.ShouldContain("DisputeKit:AccountAction:Secret must be set, at least 16 characters");
        (run.Output + run.Error).ShouldNotContain("tooshort-secret");
    }

    [Fact]
    public async Task ConfirmThenLift_RadarListsConfigured_EmailAndCardBlockedOnStripe_ThenRemoved()
    {
        var customer = await ProposedCustomer(review: false, skip: 2);
        Dictionary<string, string> radar = new()
        {
            ["DisputeKit__Radar__EmailListId"] = "rsl_disputekitemails",
            ["DisputeKit__Radar__CardFingerprintListId"] = "rsl_disputekitcards",
        };
        var email = File.ReadLines(Path.Combine(Cli.Samples, "customers.jsonl")).Select(l => JsonNode.Parse(l)!)
            .Single(c => c["id"]!.GetValue<string>() == customer)["email"]!.GetValue<string>().Trim().ToLowerInvariant();
        var dispute = (await FlagsJson("show", customer))[0]!["disputes"]![0]!["dispute_id"]!.GetValue<string>();
        var charge = sweep.FakeDispute(dispute)["charge"]!.GetValue<string>();
        var fingerprint = sweep.FakeState()["Charges"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == charge)!
            ["payment_method_details"]!["card"]!["fingerprint"]!.GetValue<string>();
        (string, string)[] Listed() => [.. (sweep.FakeState()["RadarItems"]?.AsArray() ?? [])
            .Select(i => (i!["value_list"]!.GetValue<string>(), i["value"]!.GetValue<string>()))
            .Where(i => i.Item2 == email || i.Item2 == fingerprint)];

        var confirm = await FlagsWith(radar, "confirm", customer, "--action", "limit", "--reason", "disputed without contacting support", "--by", "ana");
        var blocked = Listed();
        var lift = await FlagsWith(radar, "lift", customer, "--reason", "resolved with the customer", "--by", "ana");

        confirm.ExitCode.ShouldBe(0, confirm.Error);
        blocked.ShouldBe([("rsl_disputekitemails", email), ("rsl_disputekitcards", fingerprint)], ignoreOrder: true);
        lift.ExitCode.ShouldBe(0, lift.Error);
        Listed().ShouldBeEmpty();
        var flag = (await FlagsJson("show", customer))[0]!;
        flag["radar_items"]!.AsArray().ShouldBeEmpty();
        flag["shop_calls"]!.AsArray().Select(c => c!["action"]!.GetValue<string>())
            .ShouldBe(["limit", "block email", "block card_fingerprint", "unblock email", "unblock card_fingerprint", "restore"]);
    }

    [Fact]
    public async Task Confirm_RadarListIdMalformed_Exit2_SettingNamed()
    {
        var customer = await ProposedCustomer(review: false, skip: 3);

        var run = await FlagsWith(new() { ["DisputeKit__Radar__EmailListId"] = "my-list" }, "confirm", customer, "--action", "limit", "--reason", "x", "--by", "ana");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("DisputeKit:Radar:EmailListId must be a Radar value list id");
        (await FlagsJson("show", customer))[0]!["state"]!.GetValue<string>().ShouldBe("proposed");
    }
}

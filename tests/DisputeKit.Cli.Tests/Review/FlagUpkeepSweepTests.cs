using System.Globalization;
using System.Text.Json.Nodes;
using DisputeKit.StripeFake;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Review;

using Cli = DisputeKit.Cli.Tests.Commands.Cli;

/// <summary>Flags follow their disputes across real sweeps against the Stripe fake on 127.0.0.1.</summary>
public sealed class FlagUpkeepSweepTests
{
    private const string Key = "sk_test_upkeep_0123456789";
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_DisputeWithdrawn_FlagLiftedByDisputeKit_CustomerWritesIn_Noted()
    {
        using var work = new TempFolder("upkeep");
        var records = Directory.CreateDirectory(work.Sub("records")).FullName;
        foreach (var file in Directory.GetFiles(Cli.Samples))
        {
            File.Copy(file, Path.Combine(records, Path.GetFileName(file)));
        }

        await using var fake = await FakeStripeServer.StartAsync(
            new FakeStripeOptions { ApiKey = Key, SeedFolder = Path.Combine(Cli.Samples, "stripe") }, Ct);
        var settings = Cli.Settings(work.Sub("data"), records);
        settings["DisputeKit__ReplayAt"] = AsOf.ToString("O", CultureInfo.InvariantCulture);
        settings["Stripe__ApiKey"] = Key;
        settings["Stripe__ApiBase"] = fake.BaseUri.ToString();
        settings["Stripe__FilesBase"] = fake.BaseUri.ToString();

        (await Cli.RunAsync(work.Path, settings, Ct, "sweep")).ExitCode.ShouldBe(0);
        var proposed = JsonNode.Parse((await Cli.RunAsync(work.Path, settings, Ct, "flags", "list", "--state", "proposed", "--json")).Output)!.AsArray()
            .Select(f => f!.AsObject()).Where(f => f["disputes"]!.AsArray().Count == 1).OrderBy(f => f["customer_id"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
        var withdrawn = proposed[0];
        var writer = proposed[1];

        // The first customer withdraws the dispute; the second writes to support after disputing.
        fake.Resolve(withdrawn["disputes"]![0]!["dispute_id"]!.GetValue<string>(), "won");
        var message = new JsonObject
        {
            ["id"] = "MSG-LATE-1",
            ["customer_id"] = writer["customer_id"]!.GetValue<string>(),
            ["channel"] = "email",
            ["direction"] = "inbound",
            ["at"] = AsOf.AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
            ["subject"] = "About my chargeback",
            ["body"] = "I disputed the payment by mistake, can you help?",
        };
        await File.AppendAllTextAsync(Path.Combine(records, "support_messages.jsonl"), message.ToJsonString() + "\n", Ct);

        var second = await Cli.RunAsync(work.Path, settings, Ct, "sweep");

        second.ExitCode.ShouldBe(0, second.Error);
        second.Output.ShouldContain("Flags: 1 lifted (every dispute withdrawn), 0 to lift once the shop restores the account, 1 with a customer who wrote in after disputing");
        var lifted = JsonNode.Parse((await Cli.RunAsync(work.Path, settings, Ct, "flags", "show", withdrawn["customer_id"]!.GetValue<string>(), "--json")).Output)!.AsArray()[0]!;
        lifted["state"]!.GetValue<string>().ShouldBe("lifted");
        var lastStep = lifted["history"]!.AsArray()[^1]!;
        lastStep["by"]!.GetValue<string>().ShouldBe("disputekit");
        lastStep["by_person"]!.GetValue<bool>().ShouldBeFalse();
        lastStep["why"]!.GetValue<string>().ShouldContain("withdrawn by the customer");

        var noted = JsonNode.Parse((await Cli.RunAsync(work.Path, settings, Ct, "flags", "show", writer["customer_id"]!.GetValue<string>(), "--json")).Output)!.AsArray()[0]!;
        noted["state"]!.GetValue<string>().ShouldBe("proposed");
        noted["wrote_in_at"]!.GetValue<DateTimeOffset>().ShouldBe(AsOf.AddHours(-1));
        noted["history"]!.AsArray()[^1]!["why"]!.GetValue<string>().ShouldContain("About my chargeback");

        // A third sweep notes nothing twice and lifts nothing again.
        var third = await Cli.RunAsync(work.Path, settings, Ct, "sweep");
        third.Output.ShouldNotContain("Flags:");
    }
}

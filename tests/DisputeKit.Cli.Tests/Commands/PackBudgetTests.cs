using System.Text.Json.Nodes;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

public sealed class PackBudgetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_PackOverBudget_SetAsideAndNothingSent()
    {
        using var work = new TempFolder("budget");
        var settings = Cli.Settings(work.Sub("data"));
        settings["DisputeKit__MaxPackBytes"] = "10000";

        var run = await Cli.RunAsync(work.Path, settings, Ct, "sweep");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("0 staged");
        var requests = JsonNode.Parse(File.ReadAllText(Path.Combine(work.Sub("data"), "stripe-fake", "state.json")))!["Requests"]!.AsArray();
        requests.ShouldNotContain(r => r!["Method"]!.GetValue<string>() == "POST");
        var overBudget = Directory.GetFiles(Path.Combine(work.Sub("data"), "cases"))
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!)
            .Where(c => c["note"]?.GetValue<string>().Contains("over the budget of 19 pages and 10,000 bytes", StringComparison.Ordinal) == true)
            .ToList();
        overBudget.Count.ShouldBe(Cli.SampleExpected("staged"));
        overBudget.ShouldAllBe(c => c["state"]!.GetValue<string>() == "set_aside");
    }

    [Fact]
    public async Task Sweep_TightPageBudget_PackSent_DocumentsBesideItOnlyWhileTheyFit()
    {
        // The sample packs are 4 or 5 pages, transcripts 1, policies 1 to 3: with 5 pages in
        // all, some documents fit beside their pack and some are left out.
        using var work = new TempFolder("budget-tight");
        var settings = Cli.Settings(work.Sub("data"));
        settings["DisputeKit__MaxPackPages"] = "5";

        var run = await Cli.RunAsync(work.Path, settings, Ct, "sweep");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain($"{Cli.SampleExpected("staged")} staged");
        var (sent, leftOutForBudget) = EvidenceFiles.Check(work.Sub("data"), maxPages: 5, maxBytes: 4_000_000);
        sent.ShouldBeGreaterThan(0);
        leftOutForBudget.ShouldBeGreaterThan(0);
    }
}

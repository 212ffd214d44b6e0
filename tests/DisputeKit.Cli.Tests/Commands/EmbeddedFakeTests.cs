using System.Text.Json.Nodes;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// The embedded default keeps one local Stripe fake per data folder, so two processes on one
/// folder never lose each other's Stripe state; and <c>submit</c> sends nothing unless Stripe
/// holds exactly the evidence the case staged.
/// </summary>
public sealed class EmbeddedFakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_TwoAtOnceOnOneDataFolder_OneFake_EveryStagedCaseHasItsEvidenceOnStripe()
    {
        using var work = new TempFolder("two-sweeps");
        var data = work.Sub("data");
        var settings = Cli.Settings(data);

        var both = await Task.WhenAll(Cli.RunAsync(work.Path, settings, Ct, "sweep"), Cli.RunAsync(work.Path, settings, Ct, "sweep"));
        both.ShouldAllBe(r => r.ExitCode == 0 || r.ExitCode == 1);
        var third = await Cli.RunAsync(work.Path, settings, Ct, "sweep");
        third.ExitCode.ShouldBe(0, third.Error);
        third.Output.ShouldContain($"{Cli.SampleExpected("staged")} staged");

        var state = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data, "stripe-fake", "state.json"), Ct))!;
        var staged = Directory.GetFiles(Path.Combine(data, "cases"), "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!)
            .Where(c => c["state"]!.GetValue<string>() == "staged").ToList();
        staged.Count.ShouldBe(Cli.SampleExpected("staged"));
        foreach (var c in staged)
        {
            var id = c["dispute_id"]!.GetValue<string>();
            var dispute = Dispute(state, id);
            dispute["evidence"]!["service_documentation"]?.GetValue<string>().ShouldBe(c["pack_file_id"]!.GetValue<string>(), id);
        }

        var submit = await Cli.RunAsync(work.Path, settings, Ct, "submit", staged[0]["dispute_id"]!.GetValue<string>(), "--yes");
        submit.ExitCode.ShouldBe(0, submit.Error);
    }

    [Fact]
    public async Task Submit_StripeNoLongerHoldsTheStagedEvidence_RefusedWithExitFive_NothingSent()
    {
        using var work = new TempFolder("lost-evidence");
        var data = work.Sub("data");
        var settings = Cli.Settings(data);
        (await Cli.RunAsync(work.Path, settings, Ct, "sweep")).ExitCode.ShouldBe(0);
        var id = Directory.GetFiles(Path.Combine(data, "cases"), "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!)
            .First(c => c["state"]!.GetValue<string>() == "staged")["dispute_id"]!.GetValue<string>();

        // Stripe's copy of the dispute loses what was staged (as when two fakes overwrote each other's state).
        var statePath = Path.Combine(data, "stripe-fake", "state.json");
        var state = JsonNode.Parse(await File.ReadAllTextAsync(statePath, Ct))!;
        var evidence = Dispute(state, id)["evidence"]!.AsObject();
        evidence["service_documentation"] = null;
        evidence["uncategorized_text"] = "something else";
        await File.WriteAllTextAsync(statePath, state.ToJsonString(), Ct);

        var submit = await Cli.RunAsync(work.Path, settings, Ct, "submit", id, "--yes");

        submit.ExitCode.ShouldBe(5, submit.Error);
        submit.Error.ShouldContain($"dispute {id}: Stripe does not hold the evidence DisputeKit staged (missing on Stripe: service_documentation; changed on Stripe: uncategorized_text)");
        var after = JsonNode.Parse(await File.ReadAllTextAsync(statePath, Ct))!;
        var submissions = after["Requests"]!.AsArray()
            .Count(r => r!["Path"]!.GetValue<string>() == $"/v1/disputes/{id}" && r["Form"]!["submit"] is JsonValue v && v.GetValue<string>() == "true");
        submissions.ShouldBe(0, "nothing was sent to the bank");
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data, "cases", id + ".json"), Ct))!["state"]!.GetValue<string>().ShouldBe("staged");
    }

    /// <summary>The dispute as the fake keeps it in its state file (a list of Stripe dispute objects).</summary>
    private static JsonNode Dispute(JsonNode state, string id) =>
        state["Disputes"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == id)!;
}

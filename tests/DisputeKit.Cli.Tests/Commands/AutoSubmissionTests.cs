using System.Text.Json.Nodes;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// Auto mode against the local fake with the clock set by <c>DisputeKit:ReplayAt</c>: submits
/// once the deadline is within the margin, never a held case, and nothing after <c>due_by</c>.
/// </summary>
public sealed class AutoSubmissionTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AutoMode_SubmitsAtTheMargin_NeverHeld_NeverAfterDueBy()
    {
        using var work = new TempFolder("auto");
        var data = work.Sub("data");
        Dictionary<string, string> At(DateTimeOffset now)
        {
            var settings = Cli.Settings(data);
            settings["DisputeKit__Submission__Mode"] = "Auto";
            settings["DisputeKit__ReplayAt"] = now.ToString("O");
            return settings;
        }

        JsonObject Case(string id) => JsonNode.Parse(File.ReadAllText(Path.Combine(data, "cases", id + ".json")))!.AsObject();
        IEnumerable<JsonObject> Submits(string id) =>
            JsonNode.Parse(File.ReadAllText(Path.Combine(data, "stripe-fake", "state.json")))!["Requests"]!.AsArray().Cast<JsonObject>()
                .Where(r => r["Path"]!.GetValue<string>() == $"/v1/disputes/{id}" && r["Form"]?["submit"]?.GetValue<string>() == "true" && !r["Replayed"]!.GetValue<bool>());

        // 1. At the sample's as_of every deadline is more than 48 h away: everything fightable is staged, nothing submitted.
        var first = await Cli.RunAsync(work.Path, At(AsOf), Ct, "sweep");
        first.ExitCode.ShouldBe(0, first.Error);
        first.Output.ShouldContain("0 submitted");
        var staged = Directory.GetFiles(Path.Combine(data, "cases")).Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())
            .Where(c => c["state"]!.GetValue<string>() == "staged")
            .ToDictionary(c => c["dispute_id"]!.GetValue<string>(), c => c["due_by"]!.GetValue<DateTimeOffset>());
        staged.Count.ShouldBe(Cli.SampleExpected("staged"));
        var held = staged.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
        (await Cli.RunAsync(work.Path, At(AsOf), Ct, "hold", held, "--note", "finance checks the delivery first")).ExitCode.ShouldBe(0);

        // 2. Later: cases due within 48 h are submitted, the held one is reported as urgent instead.
        var second = new DateTimeOffset(2026, 11, 4, 12, 0, 0, TimeSpan.Zero);
        var run2 = await Cli.RunAsync(work.Path, At(second), Ct, "sweep");
        run2.ExitCode.ShouldBe(0, run2.Error);
        run2.Output.ShouldContain($"URGENT: {held}");
        foreach (var (id, due) in staged)
        {
            var expected = id != held && due - second <= TimeSpan.FromHours(48) ? "submitted" : "staged";
            Case(id)["state"]!.GetValue<string>().ShouldBe(expected, id);
        }

        staged.Count(kv => Case(kv.Key)["state"]!.GetValue<string>() == "submitted").ShouldBeGreaterThan(0);

        // 3. After the held case's deadline: it is closed out as past due and never sent; the next ones are submitted.
        var third = staged[held].AddMinutes(31);
        var run3 = await Cli.RunAsync(work.Path, At(third), Ct, "sweep");
        run3.ExitCode.ShouldBe(0, run3.Error);
        Case(held)["state"]!.GetValue<string>().ShouldBe("skipped");
        Case(held)["note"]!.GetValue<string>().ShouldContain("never submitted");
        Submits(held).ShouldBeEmpty();
        foreach (var (id, due) in staged.Where(kv => kv.Key != held))
        {
            var c = Case(id);
            if (due - third <= TimeSpan.FromHours(48) && due > third)
            {
                c["state"]!.GetValue<string>().ShouldBe("submitted", id);
            }

            if (c["state"]!.GetValue<string>() == "submitted")
            {
                var at = c["submitted_at"]!.GetValue<DateTimeOffset>();
                at.ShouldBeLessThan(due, id);
                (due - at).ShouldBeLessThanOrEqualTo(TimeSpan.FromHours(48), id);
                Submits(id).Count().ShouldBe(1, id);
            }
            else
            {
                Submits(id).ShouldBeEmpty(id);
            }
        }
    }
}

using DisputeKit.Cli.Commands;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Sweeps;
using Shouldly;
using Spectre.Console;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>The summary a sweep prints: the most valuable rows in the table, the rest counted and pointed to.</summary>
public sealed class SweepSummaryTableTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Print_MoreOutcomesThanTheTableShows_TheMostValuableShown_TheRestCountedInTheSummary()
    {
        // 150 disputes worth 1..150 (dp_001 the least), one of them urgent and worth little.
        var outcomes = Enumerable.Range(1, 150).Select(i => new CaseOutcome
        {
            DisputeId = $"dp_{i:000}",
            Reason = "fraudulent",
            Amount = 10_000,
            Currency = "eur",
            DueBy = At.AddDays(i % 7),
            State = CaseState.Staged,
            ExpectedGain = i * 100,
            Changed = true,
            Urgent = i == 3,
        }).ToList();
        var result = Tallied(outcomes);

        var text = Print(result);

        var rows = text.Split('\n').Where(l => l.TrimStart().StartsWith("dp_", StringComparison.Ordinal)).ToList();
        rows.Count.ShouldBe(SweepTally.Shown);
        rows[0].ShouldContain("dp_150");
        rows[^1].ShouldContain("dp_051");
        text.ShouldNotContain("dp_050 ");
        text.ShouldContain("The 100 most valuable of 150 are shown; every one is in this sweep's log");
        text.ShouldContain("150 disputes: 150 staged");

        // An urgent dispute below the cut is still named.
        text.ShouldContain("URGENT: dp_003 is due");
    }

    [Fact]
    public void Print_AsManyOutcomesAsTheTableShows_NoCutLine()
    {
        var outcomes = Enumerable.Range(1, SweepTally.Shown).Select(i => new CaseOutcome
        {
            DisputeId = $"dp_{i:000}", Reason = "fraudulent", Amount = 100, Currency = "eur", State = CaseState.SetAside, Changed = true,
        }).ToList();

        var text = Print(Tallied(outcomes));

        text.Split('\n').Count(l => l.TrimStart().StartsWith("dp_", StringComparison.Ordinal)).ShouldBe(SweepTally.Shown);
        text.ShouldNotContain("most valuable of");
    }

    [Fact]
    public void Print_MoreUrgentThanShown_TheSoonestNamed_TheRestCounted()
    {
        // 130 urgent disputes due an hour apart, handed to the tally latest first.
        var outcomes = Enumerable.Range(1, 130).Reverse().Select(i => new CaseOutcome
        {
            DisputeId = $"dp_{i:000}", Reason = "fraudulent", Amount = 100, Currency = "eur", DueBy = At.AddHours(i),
            State = CaseState.SetAside, Changed = true, Urgent = true,
        }).ToList();

        var text = Print(Tallied(outcomes));

        var named = text.Split('\n').Where(l => l.StartsWith("URGENT: dp_", StringComparison.Ordinal)).ToList();
        named.Count.ShouldBe(SweepTally.Shown);
        named[0].ShouldContain("dp_001");
        named[^1].ShouldContain("dp_100");
        text.ShouldContain("URGENT: 30 more are due within the margin");
    }

    private static SweepResult Tallied(IEnumerable<CaseOutcome> outcomes)
    {
        var tally = new SweepTally();
        foreach (var outcome in outcomes)
        {
            tally.Add(outcome);
        }

        return tally.Result(SweepScope.All, At, At.AddMinutes(5));
    }

    private static string Print(SweepResult result)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;
        SweepCommand.Print(console, result, localFake: true);
        return output.ToString();
    }
}

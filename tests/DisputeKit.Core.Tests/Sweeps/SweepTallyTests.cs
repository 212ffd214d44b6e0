using DisputeKit.Core.Cases;
using DisputeKit.Core.Sweeps;
using Shouldly;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>The summary added up as a sweep goes: counts of everything, outcomes kept only to show.</summary>
public sealed class SweepTallyTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_ThousandsFromSeveralTasks_CountsEveryOne_KeepsTheMostValuableAndMostUrgentHundred()
    {
        // 2,500 outcomes in a shuffled order: gain i, due in (2,500 - i) hours, every fifth urgent, every tenth elsewhere.
        var outcomes = Enumerable.Range(1, 2_500).Select(i => Outcome(i) with
        {
            ExpectedGain = i,
            DueBy = At.AddHours(2_500 - i),
            Urgent = i % 5 == 0,
            ClaimedElsewhere = i % 10 == 0,
            State = i % 2 == 0 ? CaseState.Staged : CaseState.SetAside,
        }).ToList();
        new Random(7).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(outcomes));
        var tally = new SweepTally();

        Parallel.ForEach(outcomes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, tally.Add);
        var result = tally.Result(SweepScope.All, At, At.AddHours(1));

        result.Disputes.ShouldBe(2_500);
        result.Urgent.ShouldBe(500);
        result.Elsewhere.ShouldBe(250);
        result.Count(CaseState.Staged).ShouldBe(1_000, "1,250 staged, less the 250 another process was working");
        result.Count(CaseState.SetAside).ShouldBe(1_250);
        result.Valuable.Select(o => o.ExpectedGain).ShouldBe(Enumerable.Range(2_401, 100).Reverse().Select(i => (long?)i));
        // The urgent with the soonest deadlines are the most valuable ones here: 2,500, 2,495, ... down by fives.
        result.UrgentShown.Select(o => o.DisputeId).ShouldBe(Enumerable.Range(0, 100).Select(k => $"dp_{2_500 - (5 * k):0000}"));
    }

    [Fact]
    public void CasesByState_EachOutcomeMovesItsCaseFromTheStateItWasIn()
    {
        var tally = new SweepTally(new Dictionary<CaseState, int> { [CaseState.Staged] = 3, [CaseState.Gathered] = 2, [CaseState.Submitted] = 5 });

        tally.Add(Outcome(1) with { Was = CaseState.Gathered, State = CaseState.Staged });
        tally.Add(Outcome(2) with { Was = CaseState.Gathered, State = CaseState.SetAside });
        tally.Add(Outcome(3) with { Was = CaseState.Staged, State = CaseState.Submitted });
        tally.Add(Outcome(4) with { Was = null, State = CaseState.Staged });

        tally.CasesByState().ShouldBe(new Dictionary<CaseState, int>
        {
            [CaseState.Staged] = 4,
            [CaseState.SetAside] = 1,
            [CaseState.Submitted] = 6,
        }, ignoreOrder: true);
    }

    private static CaseOutcome Outcome(int i) => new()
    {
        DisputeId = $"dp_{i:0000}", Reason = "fraudulent", Amount = 1_000, Currency = "eur", State = CaseState.Staged, Changed = true,
    };
}

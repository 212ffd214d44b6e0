using DisputeKit.Core.Cases;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>A case another process is working when the sweep comes to it.</summary>
public sealed class ClaimTests
{
    [Fact]
    public async Task Sweep_CaseClaimedElsewhere_InTheSummaryAsSuch_StoredStateShown_NothingDoneToIt()
    {
        using var h = new SweepHarness();
        h.Clock.Advance(TimeSpan.FromDays(12));
        var first = await h.SweepAsync();
        first.Count(CaseState.Staged).ShouldBe(1);
        var stored = await h.CaseAsync(SweepHarness.Fought);

        // Someone runs `submit` on the fought case while the next sweep passes, and a dispute new to the sweep is held too.
        h.Cases.HeldElsewhere.Add(SweepHarness.Fought);
        h.Stripe.Add(new DisputeBuilder().Build() with { Id = "dp_new", ChargeId = "ch_new" });
        h.Cases.HeldElsewhere.Add("dp_new");
        var calls = h.Stripe.Calls.Count;
        var second = await h.SweepAsync();

        var fought = second.Valuable.Single(o => o.DisputeId == SweepHarness.Fought);
        fought.ClaimedElsewhere.ShouldBeTrue();
        fought.State.ShouldBe(CaseState.Staged, "as the case was last stored");
        fought.Changed.ShouldBeFalse();
        fought.Note.ShouldNotBeNull().ShouldContain("another process");
        var fresh = second.Valuable.Single(o => o.DisputeId == "dp_new");
        fresh.ClaimedElsewhere.ShouldBeTrue();
        fresh.State.ShouldBe(CaseState.Discovered);
        second.Elsewhere.ShouldBe(2);
        second.Count(CaseState.Staged).ShouldBe(0, "counted by the process working it");
        second.Disputes.ShouldBe(first.Disputes + 1, "every listed dispute is in the summary");
        h.Sweeps.Written[^1].Outcomes.Select(o => o.DisputeId).ShouldBe(second.Valuable.Select(o => o.DisputeId), ignoreOrder: true, "and each outcome in the log");
        second.Telemetry!.CasesByState.OrderBy(kv => kv.Key).ToList()
            .ShouldBe([.. first.Telemetry!.CasesByState.Append(new(CaseState.Discovered, 1)).OrderBy(kv => kv.Key)], "the stored cases as they were, and the new one as discovered");
        h.Stripe.Calls.Skip(calls).ShouldNotContain(c => c.Key != null && (c.Key.Contains(SweepHarness.Fought, StringComparison.Ordinal) || c.Key.Contains("dp_new", StringComparison.Ordinal)));
        (await h.CaseAsync(SweepHarness.Fought)).ShouldBeEquivalentTo(stored);
        (await h.Cases.GetAsync("dp_new", T.Ct)).ShouldBeNull();
    }
}

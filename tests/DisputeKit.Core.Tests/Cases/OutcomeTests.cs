using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Tests.Builders;
using DisputeKit.Core.Tests.Sweeps;
using Shouldly;

namespace DisputeKit.Core.Tests.Cases;

/// <summary>
/// How each dispute ended and the money it moved, recorded on its case from the dispute as
/// Stripe holds it (a sweep here; an event or a poll reads the same), each change once.
/// </summary>
public sealed class OutcomeTests
{
    private static readonly DisputeMoney Withdrawn = new("txn_w", -10_000, 1_500, "eur", T.Day(20));
    private static readonly DisputeMoney Reinstated = new("txn_r", 10_000, 0, "eur", T.Day(40));

    [Theory]
    [InlineData(DisputeStatus.Won, true)]
    [InlineData(DisputeStatus.Lost, true)]
    [InlineData(DisputeStatus.WarningClosed, false)]
    [InlineData(DisputeStatus.Prevented, false)]
    public async Task Closed_OutcomeRecordedOnce_WithWhetherItWasFought(string status, bool answered)
    {
        using var h = new SweepHarness(new Dictionary<string, string?> { ["DisputeKit:Submission:Mode"] = "Auto" });
        h.Clock.Advance(TimeSpan.FromDays(answered ? 12 : 0));
        if (!answered)
        {
            h.Stripe.Disputes[SweepHarness.Fought] = h.Stripe.Disputes[SweepHarness.Fought] with { Status = status };
        }

        await h.SweepAsync();
        if (answered)
        {
            (await h.CaseAsync(SweepHarness.Fought)).State.ShouldBe(CaseState.Submitted);
            var money = status == DisputeStatus.Won ? new[] { Withdrawn, Reinstated } : [Withdrawn];
            h.Stripe.Disputes[SweepHarness.Fought] = h.Stripe.Disputes[SweepHarness.Fought] with { Status = status, Money = money };
            await h.SweepAsync();
        }

        await h.SweepAsync();
        var c = await h.CaseAsync(SweepHarness.Fought);
        var outcome = c.Outcome.ShouldNotBeNull();
        outcome.Status.ShouldBe(status);
        outcome.Fought.ShouldBe(answered);
        c.Audit.Count(a => a.Cause.StartsWith("outcome:", StringComparison.Ordinal)).ShouldBe(1, "recorded once, however often the dispute is read");
        if (status == DisputeStatus.Won)
        {
            Outcomes.Totals(c).ShouldBe((10_000L, 10_000L, 1_500L));
        }
    }

    [Fact]
    public async Task FundsReinstatedAfterAPartialRefund_RecordedAsMoney_NotAsWon()
    {
        using var h = new SweepHarness();
        await h.SweepAsync();
        var partial = new DisputeMoney("txn_partial", 3_000, 0, "eur", T.Day(22));
        h.Stripe.Disputes[SweepHarness.Fought] = h.Stripe.Disputes[SweepHarness.Fought] with { Money = [Withdrawn, partial] };

        await h.SweepAsync();

        var c = await h.CaseAsync(SweepHarness.Fought);
        c.Outcome.ShouldBeNull("the dispute is still open: money back is not a win");
        c.Ledger.Select(m => m.Id).ShouldBe(["txn_w", "txn_partial"]);
        Outcomes.Totals(c).ShouldBe((10_000L, 3_000L, 1_500L));
        c.Audit.Select(a => a.Cause).ShouldContain("30.00 EUR reinstated by Stripe (txn_partial)");
        c.State.ShouldBe(CaseState.Staged);
    }

    [Fact]
    public void WinRates_LearnFromTheRecordedOutcome()
    {
        var options = new DisputeKit.Core.Economics.EconomicsOptions { MinOutcomesToLearn = 2, BaseRateWeight = 0 };
        DisputeCase Closed(string id, string outcome) => DisputeCase.Discover(new DisputeBuilder().Build() with { Id = id }, T.Zero) with
        {
            // Reopened for an appeal: the status moved on, the outcome stays what Stripe decided.
            Status = DisputeStatus.AppealNeedsResponse,
            Outcome = new DisputeOutcome { Status = outcome, RecordedAt = T.Zero, Fought = true },
        };

        var rates = DisputeKit.Core.Economics.WinRates.From([Closed("dp_1", DisputeStatus.Won), Closed("dp_2", DisputeStatus.Lost)], options);

        rates.For(new DisputeBuilder().Build().Reason).Rate.ShouldBe(0.5);
    }
}

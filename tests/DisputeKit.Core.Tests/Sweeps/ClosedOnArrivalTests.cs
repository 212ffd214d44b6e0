using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>A dispute DisputeKit first sees when it can no longer be answered (closed, past due): recorded for the outcomes report, nothing more.</summary>
public sealed class ClosedOnArrivalTests
{
    [Fact]
    public async Task Sweep_DisputeFirstSeenClosed_OrderPriorContactAndVerdictRecorded_NothingSent_NoFlag()
    {
        using var h = new SweepHarness();
        // A second closed one, lost, whose customer never wrote in: what would have been a "friendly fraud" flag.
        h.Records.With(new OrderBuilder().Build() with { Id = "VL-9", Payment = new PaymentInfo { StripeChargeId = "ch_lost" } }, Records.Completed);
        h.Stripe.Add(new DisputeBuilder().Build() with { Id = "dp_lost", ChargeId = "ch_lost", Status = DisputeStatus.Lost }, SweepHarness.Charge("ch_lost"));

        var result = await h.SweepAsync();

        foreach (var (id, order) in new[] { (SweepHarness.Closed, "VL-3"), ("dp_lost", "VL-9") })
        {
            var c = await h.CaseAsync(id);
            c.State.ShouldBe(CaseState.Skipped, id);
            c.OrderId.ShouldBe(order, id);
            c.CustomerId.ShouldNotBeNull(id);
            c.PriorContact.ShouldNotBeNull(id);
            c.Verdict.ShouldNotBeNull(id).Kind.ShouldBe("fight");
            c.Outcome.ShouldNotBeNull(id).Status.ShouldBe(id == "dp_lost" ? "lost" : "won");
            c.PackPath.ShouldBeNull(id);
            c.Audit.Select(a => a.Cause).ShouldContain(a => a.StartsWith("recorded for the outcomes report", StringComparison.Ordinal), id);
            h.Stripe.Calls.ShouldNotContain(call => call.Key != null && call.Key.Contains(id, StringComparison.Ordinal), id);
        }

        result.Valuable.Where(o => o.DisputeId is SweepHarness.Closed or "dp_lost").ShouldAllBe(o => !o.Flagged);
        // The customer's flag (for the order that never started) names neither: a dispute DisputeKit could not answer flags nobody.
        var flag = await h.Flags.GetOpenAsync((await h.CaseAsync("dp_lost")).CustomerId!, T.Ct);
        flag.ShouldNotBeNull().Disputes.Select(d => d.DisputeId).ShouldBe([SweepHarness.Owed]);

        // A second sweep leaves them be.
        var before = await h.CaseAsync("dp_lost");
        await h.SweepAsync();
        (await h.CaseAsync("dp_lost")).Audit.Count.ShouldBe(before.Audit.Count);
    }
}

using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Events;
using DisputeKit.Core.Tests.Builders;
using DisputeKit.Core.Tests.Sweeps;
using Shouldly;

namespace DisputeKit.Core.Tests.Events;

/// <summary>
/// A dispute event works that one dispute through the same claim and lifecycle as a sweep, on
/// the dispute as Stripe holds it when the event is worked: twice, late or out of order, it is
/// worked once and nothing is sent twice; missed events are caught up from Stripe's list.
/// </summary>
public sealed class EventWorkTests
{
    private static StripeEvent Event(string id, string type, string disputeId, DateTimeOffset created) => new()
    {
        Id = id,
        Type = type,
        Created = created,
        ObjectId = disputeId,
        Source = "webhook",
        ReceivedAt = created,
    };

    private static (SweepHarness H, MemoryEvents Events, EventWork Work) Start()
    {
        var h = new SweepHarness();
        var events = new MemoryEvents();
        var work = new EventWork(events, h.Stripe, h.Cases, h.Get<DisputeKit.Core.Sweeps.CasePipeline>(), h.Get<DisputeKit.Core.Warnings.WarningDesk>(),
            h.Get<Microsoft.Extensions.Options.IOptions<DisputeKit.Core.Economics.EconomicsOptions>>(), h.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EventWork>.Instance);
        return (h, events, work);
    }

    [Fact]
    public async Task Created_WorksThatDisputeAlone_ToStaged_AndRecordsWhatItDid()
    {
        var (h, events, work) = Start();
        using var _ = h;
        await events.RecordAsync(Event("evt_1", "charge.dispute.created", SweepHarness.Fought, h.Clock.GetUtcNow()), T.Ct);

        (await work.WorkPendingAsync(T.Ct)).ShouldBe(1);

        (await h.CaseAsync(SweepHarness.Fought)).State.ShouldBe(CaseState.Staged);
        (await h.Cases.GetAsync(SweepHarness.Owed, T.Ct)).ShouldBeNull("only the dispute the event names is worked");
        h.Stripe.Calls.ShouldNotContain(c => c.Operation == "list", "no sweep: one dispute read");
        var worked = (await events.GetAsync("evt_1", T.Ct)).ShouldNotBeNull();
        worked.WorkedAt.ShouldNotBeNull();
        worked.Result.ShouldBe("case staged");
        (await events.PendingAsync(T.Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdatedBeforeCreated_AndTwice_TheDisputeAsStripeHoldsItNow_WorkedOnce_NothingSentTwice()
    {
        var (h, events, work) = Start();
        using var _ = h;
        var now = h.Clock.GetUtcNow();
        await events.RecordAsync(Event("evt_updated", "charge.dispute.updated", SweepHarness.Fought, now.AddMinutes(-1)), T.Ct);
        await events.RecordAsync(Event("evt_created", "charge.dispute.created", SweepHarness.Fought, now.AddMinutes(-2)), T.Ct);
        (await events.RecordAsync(Event("evt_created", "charge.dispute.created", SweepHarness.Fought, now.AddMinutes(-2)), T.Ct)).ShouldBeFalse("a redelivery is kept once");

        (await work.WorkPendingAsync(T.Ct)).ShouldBe(2);

        (await events.GetAsync("evt_created", T.Ct))!.Result.ShouldBe("case staged");
        (await events.GetAsync("evt_updated", T.Ct))!.Result.ShouldBe("case staged (nothing to change)");
        h.Stripe.Effects.Count(e => e.StartsWith("stage", StringComparison.Ordinal)).ShouldBe(1);
        h.Stripe.Effects.ShouldBeUnique();
    }

    [Fact]
    public async Task ClosedAfterStaging_TheCaseFollowsStripe()
    {
        var (h, events, work) = Start();
        using var _ = h;
        await events.RecordAsync(Event("evt_1", "charge.dispute.created", SweepHarness.Fought, h.Clock.GetUtcNow()), T.Ct);
        await work.WorkPendingAsync(T.Ct);
        h.Stripe.Disputes[SweepHarness.Fought] = h.Stripe.Disputes[SweepHarness.Fought] with { Status = DisputeStatus.Won };

        await events.RecordAsync(Event("evt_2", "charge.dispute.closed", SweepHarness.Fought, h.Clock.GetUtcNow()), T.Ct);
        await work.WorkPendingAsync(T.Ct);

        var c = await h.CaseAsync(SweepHarness.Fought);
        c.Status.ShouldBe(DisputeStatus.Won);
        c.State.ShouldBe(CaseState.Skipped, "a staged case whose dispute closed can no longer be answered");
    }

    [Fact]
    public async Task DisputeStripeDoesNotKnow_LeftAloneSayingSo()
    {
        var (h, events, work) = Start();
        using var _ = h;
        await events.RecordAsync(Event("evt_1", "charge.dispute.created", "dp_unknown", h.Clock.GetUtcNow()), T.Ct);

        (await work.WorkPendingAsync(T.Ct)).ShouldBe(1);

        (await events.GetAsync("evt_1", T.Ct))!.Result.ShouldBe("left alone: Stripe has no dispute dp_unknown");
        (await h.Cases.GetAsync("dp_unknown", T.Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task DisputeBeingWorkedElsewhere_TheEventWaits_ThenIsWorked()
    {
        var (h, events, work) = Start();
        using var _ = h;
        await events.RecordAsync(Event("evt_1", "charge.dispute.created", SweepHarness.Fought, h.Clock.GetUtcNow()), T.Ct);

        h.Cases.HeldElsewhere.Add(SweepHarness.Fought);
        (await work.WorkPendingAsync(T.Ct)).ShouldBe(0);
        (await events.PendingAsync(T.Ct)).Select(e => e.Id).ShouldBe(["evt_1"]);
        h.Cases.HeldElsewhere.Clear();

        (await work.WorkPendingAsync(T.Ct)).ShouldBe(1);
        (await h.CaseAsync(SweepHarness.Fought)).State.ShouldBe(CaseState.Staged);
    }

    [Fact]
    public async Task CatchUp_KeepsTheDisputeEventsMissedSinceTheLastOneKept_OnlyOnce()
    {
        var (h, events, work) = Start();
        using var _ = h;
        var now = h.Clock.GetUtcNow();
        var received = Event("evt_seen", "charge.dispute.created", SweepHarness.Owed, now.AddHours(-5));
        await events.RecordAsync(received, T.Ct);
        h.Stripe.Events.AddRange(
        [
            received,
            Event("evt_long_ago", "charge.dispute.created", SweepHarness.Closed, now.AddDays(-2)),
            Event("evt_missed", "charge.dispute.created", SweepHarness.Fought, now.AddHours(-1)),
        ]);

        (await work.CatchUpAsync(T.Ct)).ShouldBe(1);
        (await work.CatchUpAsync(T.Ct)).ShouldBe(0, "caught up once");

        var missed = (await events.GetAsync("evt_missed", T.Ct)).ShouldNotBeNull();
        missed.Source.ShouldBe("catch_up");
        (await events.GetAsync("evt_long_ago", T.Ct)).ShouldBeNull("before the newest event kept (less the overlap): received then, or long handled");
        await work.WorkPendingAsync(T.Ct);
        (await h.CaseAsync(SweepHarness.Fought)).State.ShouldBe(CaseState.Staged);
    }
}

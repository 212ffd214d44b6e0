using DisputeKit.Core.Disputes;
using DisputeKit.Core.Events;
using DisputeKit.Core.Tests.Events;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Sweeps;
using DisputeKit.Core.Tests.Builders;
using DisputeKit.Core.Tests.Sweeps;
using DisputeKit.Core.Warnings;
using Shouldly;

namespace DisputeKit.Core.Tests.Warnings;

/// <summary>
/// Early fraud warnings through the sweep wired as the hosts wire it: refund, watch or ask
/// decided from the refund policy and the money; auto mode within its ceiling; a refund recorded
/// before it is sent and made once across lost answers and saved failures; a disputed charge
/// never refunded; no friendly-fraud flag.
/// </summary>
public sealed class WarningDeskTests
{
    /// <summary>An order that never started (the policy owes it in full), 100.00 EUR.</summary>
    private const string NotStarted = "ch_w_notstarted";
    /// <summary>A delivered order of 100.00 EUR, with earlier orders from the same device: fighting is worth more.</summary>
    private const string Delivered = "ch_w_delivered";
    /// <summary>A delivered order of 10.00 EUR: a dispute's fee would cost more than the charge.</summary>
    private const string Small = "ch_w_small";
    /// <summary>A charge no order matches.</summary>
    private const string Unknown = "ch_w_unknown";

    private static SweepHarness Start(string mode = "review", string? ceiling = null)
    {
        var settings = new Dictionary<string, string?> { ["DisputeKit:EarlyFraudWarnings:Mode"] = mode };
        if (ceiling is not null)
        {
            settings["DisputeKit:EarlyFraudWarnings:AutoRefundBelow:eur"] = ceiling;
        }

        var h = new SweepHarness(settings);
        h.Records
            .With(new OrderBuilder().NotStarted().Build() with { Id = "VL-20", Payment = Pay(NotStarted) }, (0.1, "queued", 0, null))
            .With(new OrderBuilder().Build() with { Id = "VL-21", CreatedAt = T.Day(2), Payment = Pay(Delivered) }, Records.Completed)
            .With(new OrderBuilder().Amount(1_000).Build() with { Id = "VL-22", CreatedAt = T.Day(3), Payment = Pay(Small) }, Records.Completed);
        foreach (var (id, amount) in new[] { (NotStarted, 10_000L), (Delivered, 10_000L), (Small, 1_000L), (Unknown, 4_000L) })
        {
            h.Stripe.Charges[id] = new ChargeDetails { Id = id, Amount = amount, Currency = "eur", Created = T.Zero, CardFingerprint = $"fp_{id}" };
        }

        return h;
    }

    private static PaymentInfo Pay(string charge) => new() { StripeChargeId = charge, PurchaseIp = "81.2.3.4", DeviceFingerprint = "fp_0123456789abcdef0123" };

    private static void Warn(SweepHarness h, string chargeId, string? id = null) =>
        h.Stripe.Warnings[id ?? "issfr_" + chargeId] = new EarlyFraudWarning
        {
            Id = id ?? "issfr_" + chargeId,
            ChargeId = chargeId,
            FraudType = "made_with_stolen_card",
            Actionable = !h.Stripe.Charges[chargeId].Disputed && h.Stripe.Charges[chargeId].Refundable > 0,
            Created = h.Clock.GetUtcNow().AddHours(-1),
        };

    private static async Task<WarningCase> Kept(SweepHarness h, string chargeId) => (await h.Warnings.GetAsync("issfr_" + chargeId, T.Ct)).ShouldNotBeNull();

    private static SweepContext Context(SweepHarness h) => new(new HashSet<string>(StringComparer.Ordinal), WinRates(h));

    private static DisputeKit.Core.Economics.WinRates WinRates(SweepHarness h) =>
        DisputeKit.Core.Economics.WinRates.From([], h.Get<Microsoft.Extensions.Options.IOptions<DisputeKit.Core.Economics.EconomicsOptions>>().Value);

    [Fact]
    public async Task Review_EachWarningDecidedFromPolicyAndValue_WithReasons_NothingRefunded()
    {
        using var h = Start();
        foreach (var charge in new[] { NotStarted, Delivered, Small, Unknown })
        {
            Warn(h, charge);
        }

        var result = await h.SweepAsync();

        result.Warnings.ShouldNotBeNull().Listed.ShouldBe(4);
        var owed = await Kept(h, NotStarted);
        owed.State.ShouldBe(WarningState.Proposed, "the policy owes an order that never started: a refund, proposed");
        owed.Decision!.Action.ShouldBe(WarningAction.Refund);
        owed.Decision.Verdict.ShouldBe(DisputeKit.Core.Policies.VerdictKind.Accept);
        owed.Decision.Summary.ShouldContain("owes it in full");
        owed.OrderIds.ShouldBe(["VL-20"]);

        var delivered = await Kept(h, Delivered);
        delivered.State.ShouldBe(WarningState.Watching, delivered.Decision!.Summary);
        delivered.Decision.WaitCost.ShouldNotBeNull().ShouldBeLessThan(delivered.Decision.RefundCost!.Value);
        delivered.Decision.Reasons.ShouldContain(r => r.Contains("Waiting is expected to cost", StringComparison.Ordinal));

        var small = await Kept(h, Small);
        small.State.ShouldBe(WarningState.Proposed, small.Decision!.Summary);
        small.Decision.Summary.ShouldContain("would cost more than the charge");
        small.Decision.WaitCost.ShouldNotBeNull().ShouldBeGreaterThan(1_000);

        var unknown = await Kept(h, Unknown);
        unknown.State.ShouldBe(WarningState.NeedsPerson);
        unknown.Decision!.Action.ShouldBe(WarningAction.Ask);
        unknown.Decision.Reasons.ShouldContain(r => r.Contains(Unknown, StringComparison.Ordinal), "what was tried to find the order");

        h.Stripe.Refunds.ShouldBeEmpty("review mode only proposes");
        (await h.Flags.ListAsync(T.Ct)).SelectMany(f => f.Disputes).ShouldNotContain(d => d.DisputeId.StartsWith("issfr_", StringComparison.Ordinal),
            "a warning is the cardholder's own report, never a friendly-fraud flag");
        owed.Note!.ShouldContain("not flagged");

        // A second poll changes nothing.
        var again = await h.SweepAsync();
        again.Warnings!.Outcomes.ShouldAllBe(o => !o.Changed);
    }

    [Fact]
    public async Task Auto_RefundsWithinTheCeiling_ProposesAboveIt()
    {
        using var h = Start("auto", ceiling: "5000");
        Warn(h, Small);
        Warn(h, NotStarted);

        await h.SweepAsync();

        var small = await Kept(h, Small);
        small.State.ShouldBe(WarningState.Refunded);
        small.Refund.ShouldNotBeNull().RefundId.ShouldNotBeNull();
        small.Refund.RequestedBy.ShouldBe(WarningDesk.System);
        (await Kept(h, NotStarted)).State.ShouldBe(WarningState.Proposed, "100.00 EUR is above the 50.00 EUR ceiling: a person makes it");
        h.Stripe.Refunds.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            r => r.ChargeId.ShouldBe(Small),
            r => r.Amount.ShouldBe(1_000),
            r => r.Metadata["early_fraud_warning"].ShouldBe("issfr_" + Small),
            r => r.Reason.ShouldBeNull("no block lists unless configured"));
        h.Warnings.Saves.Where(s => s.Id == "issfr_" + Small).Select(s => s.State)
            .ShouldBe([WarningState.Proposed, WarningState.Refunding, WarningState.Refunded], "the refund is recorded before it is sent");

        await h.SweepAsync();
        h.Stripe.Refunds.Count.ShouldBe(1, "never twice");
    }

    [Fact]
    public async Task Auto_ACurrencyWithoutCeiling_IsNeverRefundedAutomatically()
    {
        using var h = Start("auto");
        Warn(h, Small);

        await h.SweepAsync();

        (await Kept(h, Small)).State.ShouldBe(WarningState.Proposed);
        h.Stripe.Refunds.ShouldBeEmpty();
    }

    [Fact]
    public async Task WarningOnADisputedCharge_LeftAlone_AndAPersonCannotRefundIt()
    {
        using var h = Start();
        h.Stripe.Charges["ch_test"] = h.Stripe.Charges["ch_test"] with { Disputed = true };
        Warn(h, "ch_test");

        await h.SweepAsync();

        var kept = await Kept(h, "ch_test");
        kept.State.ShouldBe(WarningState.Disputed);
        kept.Decision.ShouldBeNull("nothing to decide: the dispute is answered as a dispute");

        var answer = await h.Get<WarningDesk>().RefundAsync("issfr_ch_test", "anna", Context(h), TimeSpan.Zero, T.Ct);
        answer.Refused.ShouldBeTrue();
        answer.Message.ShouldContain("disputed");
        h.Stripe.Calls.ShouldNotContain(c => c.Operation == "refund");
    }

    [Fact]
    public async Task WarningOnAChargeOfThisSweepsDisputes_LeftAlone_EvenBeforeStripeMarksTheCharge()
    {
        using var h = Start();
        Warn(h, "ch_owed");

        await h.SweepAsync();

        (await Kept(h, "ch_owed")).State.ShouldBe(WarningState.Disputed);
    }

    [Fact]
    public async Task Watched_ThenDisputed_FollowsStripe()
    {
        using var h = Start();
        Warn(h, Delivered);
        await h.SweepAsync();
        (await Kept(h, Delivered)).State.ShouldBe(WarningState.Watching);

        h.Stripe.Charges[Delivered] = h.Stripe.Charges[Delivered] with { Disputed = true };
        h.Stripe.Warnings["issfr_" + Delivered] = h.Stripe.Warnings["issfr_" + Delivered] with { Actionable = false };
        await h.SweepAsync();

        (await Kept(h, Delivered)).State.ShouldBe(WarningState.Disputed);
    }

    [Fact]
    public async Task PersonsRefund_AnswerLostAfterStripeApplied_NextAttemptReadsTheChargeAndSendsNothing()
    {
        using var h = Start();
        Warn(h, NotStarted);
        await h.SweepAsync();
        var desk = h.Get<WarningDesk>();

        h.Stripe.FailNext("refund", afterApply: true);
        await Should.ThrowAsync<HttpRequestException>(() => desk.RefundAsync("issfr_" + NotStarted, "anna", Context(h), TimeSpan.Zero, T.Ct));
        var halfway = await Kept(h, NotStarted);
        halfway.State.ShouldBe(WarningState.Refunding, "recorded before it was sent; the answer never came");
        halfway.Refund!.Key.Key.ShouldBe($"dk-efw-issfr_{NotStarted}-refund");

        // The next poll finishes it: the charge shows the refund, so nothing is sent again.
        await h.SweepAsync();

        var done = await Kept(h, NotStarted);
        done.State.ShouldBe(WarningState.Refunded);
        done.Note!.ShouldContain("went in");
        h.Stripe.Refunds.Count.ShouldBe(1);
        h.Stripe.Calls.Where(c => c.Operation == "refund").Select(c => c.Result).ShouldBe(["applied", "fault after apply"], "the refund was sent once; the charge read told the rest");
    }

    [Fact]
    public async Task PersonsRefund_FailureSavedUnderTheKey_NotApplied_SentOnceMoreUnderTheNextGeneration()
    {
        using var h = Start();
        Warn(h, NotStarted);
        await h.SweepAsync();
        var desk = h.Get<WarningDesk>();

        h.Stripe.FailNext("refund", saved: true);
        await Should.ThrowAsync<DisputeGatewayException>(() => desk.RefundAsync("issfr_" + NotStarted, "anna", Context(h), TimeSpan.Zero, T.Ct));
        (await Kept(h, NotStarted)).Refund!.Key.Spent.ShouldBeTrue();

        var answer = await desk.RefundAsync("issfr_" + NotStarted, "anna", Context(h), TimeSpan.Zero, T.Ct);

        answer.Done.ShouldBeTrue(answer.Message);
        answer.Case.Refund!.Key.Key.ShouldBe($"dk-efw-issfr_{NotStarted}-refund-g1");
        answer.Case.Refund.RequestedBy.ShouldBe("anna");
        h.Stripe.Refunds.Count.ShouldBe(1);

        var again = await desk.RefundAsync("issfr_" + NotStarted, "anna", Context(h), TimeSpan.Zero, T.Ct);
        again.Done.ShouldBeFalse();
        again.Message.ShouldContain("Already refunded");
        h.Stripe.Refunds.Count.ShouldBe(1);
    }

    [Fact]
    public async Task PersonsRefund_FailureSavedAfterStripeApplied_FoundOnTheCharge_NoSecondRefund()
    {
        using var h = Start();
        Warn(h, NotStarted);
        await h.SweepAsync();
        var desk = h.Get<WarningDesk>();

        h.Stripe.FailNext("refund", afterApply: true, saved: true);
        await Should.ThrowAsync<DisputeGatewayException>(() => desk.RefundAsync("issfr_" + NotStarted, "anna", Context(h), TimeSpan.Zero, T.Ct));

        var answer = await desk.RefundAsync("issfr_" + NotStarted, "anna", Context(h), TimeSpan.Zero, T.Ct);

        answer.Case.State.ShouldBe(WarningState.Refunded);
        h.Stripe.Refunds.Count.ShouldBe(1);
        h.Stripe.Calls.Where(c => c.Operation == "refund").Select(c => c.Key).Distinct().ShouldHaveSingleItem("no second generation was needed");
    }

    [Fact]
    public async Task Dismissed_StaysDismissed_AndIsNotRefundedByAutoMode()
    {
        using var h = Start();
        Warn(h, Small);
        await h.SweepAsync();

        var answer = await h.Get<WarningDesk>().DismissAsync("issfr_" + Small, "anna", "known customer, card not stolen", TimeSpan.Zero, T.Ct);

        answer.Done.ShouldBeTrue();
        var kept = await Kept(h, Small);
        kept.State.ShouldBe(WarningState.Dismissed);
        kept.History[^1].ShouldSatisfyAllConditions(e => e.By.ShouldBe("anna"), e => e.Why.ShouldContain("known customer"));
        await h.SweepAsync();
        (await Kept(h, Small)).State.ShouldBe(WarningState.Dismissed);
        h.Stripe.Refunds.ShouldBeEmpty();
    }

    [Fact]
    public async Task Off_WarningsAreNotRead()
    {
        using var h = Start("off");
        Warn(h, Small);

        var result = await h.SweepAsync();

        result.Warnings!.Mode.ShouldBe(WarningMode.Off);
        h.Stripe.Calls.ShouldNotContain(c => c.Operation == "warnings");
        (await h.Warnings.ListAsync(T.Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnEventForAWarningStripeDoesNotHave_IsLeftAlone_NotRetriedForever()
    {
        using var h = Start();
        var events = new MemoryEvents();
        var work = new EventWork(events, h.Stripe, h.Cases, h.Get<CasePipeline>(), h.Get<WarningDesk>(),
            h.Get<Microsoft.Extensions.Options.IOptions<DisputeKit.Core.Economics.EconomicsOptions>>(), h.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EventWork>.Instance);
        await events.RecordAsync(new StripeEvent
        {
            Id = "evt_gone", Type = "radar.early_fraud_warning.created", Created = h.Clock.GetUtcNow(), ObjectId = "issfr_gone", Source = "webhook", ReceivedAt = h.Clock.GetUtcNow(),
        }, T.Ct);

        (await work.WorkPendingAsync(T.Ct)).ShouldBe(1);

        (await events.GetAsync("evt_gone", T.Ct))!.Result.ShouldBe("left alone: Stripe has no early fraud warning issfr_gone");
        (await events.PendingAsync(T.Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AWarningEvent_WorksThatWarning_AndWaitsWhileAnotherProcessHoldsIt()
    {
        using var h = Start("auto", ceiling: "5000");
        Warn(h, Small);
        var events = new MemoryEvents();
        var work = new EventWork(events, h.Stripe, h.Cases, h.Get<CasePipeline>(), h.Get<WarningDesk>(),
            h.Get<Microsoft.Extensions.Options.IOptions<DisputeKit.Core.Economics.EconomicsOptions>>(), h.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EventWork>.Instance);
        await events.RecordAsync(new StripeEvent
        {
            Id = "evt_w1", Type = "radar.early_fraud_warning.created", Created = h.Clock.GetUtcNow(), ObjectId = "issfr_" + Small, Source = "webhook", ReceivedAt = h.Clock.GetUtcNow(),
        }, T.Ct);

        h.Warnings.HeldElsewhere.Add("issfr_" + Small);
        (await work.WorkPendingAsync(T.Ct)).ShouldBe(0);
        (await events.PendingAsync(T.Ct)).ShouldHaveSingleItem("it waits for the next round");

        h.Warnings.HeldElsewhere.Clear();
        (await work.WorkPendingAsync(T.Ct)).ShouldBe(1);

        (await events.GetAsync("evt_w1", T.Ct))!.Result.ShouldBe("warning refunded");
        h.Stripe.Refunds.ShouldHaveSingleItem();
        h.Stripe.Calls.ShouldNotContain(c => c.Operation == "list", "one warning worked, no sweep");
    }
}

using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Tests.Builders;
using DisputeKit.Testing;
using Shouldly;
using DisputeKit.Core.Accounts;

namespace DisputeKit.Core.Tests.Policies;

/// <summary>
/// The second seller's short policy: 7-day written claims for non-delivery and "not as
/// described", a 7-day window after the last recurring payment, no start-time promise, no drop
/// guarantee, no announced account measures.
/// </summary>
public sealed class ShortPolicyTests
{
    private static readonly RefundPolicy Short = RefundPolicyLoader.Load(RepoPaths.Templates, "short-refund");

    private static async Task<(Verdict Verdict, FlagDecision Flag)> Decide(Records records, string reason = DisputeReason.ProductNotReceived)
    {
        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Reason(reason).Build());
        var verdict = PolicyEngine.Evaluate(bundle, Short);
        return (verdict, FlagPolicy.Decide(bundle, verdict, Short));
    }

    [Theory]
    [InlineData(7.0, VerdictKind.Accept)]                  // claim exactly 7 days after the order
    [InlineData(7.0 + 1.0 / 1440, VerdictKind.Review)]     // one minute late: the policy owes nothing, a person decides
    [InlineData(null, VerdictKind.Review)]                 // never claimed
    public async Task NonDelivery_ClaimInWritingWithinSevenDays(double? claimAfterDays, VerdictKind expected)
    {
        var records = new Records().With(new OrderBuilder().NotStarted().Build(), (0.1, "queued", 0, null));
        if (claimAfterDays is { } days)
        {
            records.Message("M1", "inbound", T.Day(days), ["VL-1"], body: "Nothing arrived.");
        }

        var (verdict, _) = await Decide(records);

        verdict.Kind.ShouldBe(expected);
        verdict.Rules.ShouldContain(r => r.Section == "Eligible refund requests: non-delivery");
        if (expected == VerdictKind.Accept)
        {
            verdict.AmountOwed.ShouldBe(10_000);
        }
        else
        {
            verdict.Facts.ShouldContain(f => f.Contains("within 7 days of the order"));
        }
    }

    [Fact]
    public async Task PartialDelivery_ClaimedInTime_OwesUndeliveredPartUnderTheNonDeliveryRule()
    {
        var order = new OrderBuilder().Delivered(600, "partial").Build();
        var records = new Records().With(order, (0.1, "queued", 0, null), (6, "started", 0, 500), (30, "partial", 600, 1100))
            .Message("M1", "inbound", T.Day(3), ["VL-1"], body: "Only 600 arrived.");

        var (verdict, _) = await Decide(records);

        verdict.Kind.ShouldBe(VerdictKind.Partial);
        verdict.AmountOwed.ShouldBe(4_000);
        verdict.Rules.Select(r => r.Key).ShouldBe([RuleKeys.FullRefund]);
    }

    [Fact]
    public async Task LateStart_IsNoGroundForRefund_ThePolicyPromisesNoStartTime()
    {
        var order = new OrderBuilder().StartWithin(24).StartedAfter(60).Build();
        var (verdict, _) = await Decide(new Records().With(order, (60, "started", 0, 500), (80, "completed", 1000, 1500)));

        verdict.Kind.ShouldBe(VerdictKind.Fight);
        verdict.Facts.ShouldNotContain(f => f.Contains("promised start"));
        verdict.Summary.ShouldNotContain("promised time");
    }

    [Theory]
    [InlineData(7.0, VerdictKind.Review)]                  // reported on the last day: a person weighs the evidence
    [InlineData(7.0 + 1.0 / 1440, VerdictKind.Fight)]      // reported a minute too late
    [InlineData(null, VerdictKind.Fight)]                  // never reported
    public async Task NotAsDescribed_ReportWithinSevenDaysOfPurchase(double? reportAfterDays, VerdictKind expected)
    {
        var records = new Records().With(new OrderBuilder().Build(), Records.Completed);
        if (reportAfterDays is { } days)
        {
            records.Message("M1", "inbound", T.Day(days), ["VL-1"], body: "These followers are not what the site described.");
        }

        var (verdict, _) = await Decide(records, DisputeReason.ProductUnacceptable);

        verdict.Kind.ShouldBe(expected);
        verdict.Rules.ShouldContain(r => r.Key == RuleKeys.NotAsDescribed);
    }

    [Fact]
    public async Task DropNotRefilled_IsNoGroundForRefund_ThePolicyGivesNoDropGuarantee()
    {
        var records = new Records().With(new OrderBuilder().Build(), [.. Records.Completed, (24 * 5, "drop_detected", 1000, 1100)]);

        var (verdict, _) = await Decide(records, DisputeReason.ProductUnacceptable);

        verdict.Kind.ShouldBe(VerdictKind.Fight);
        verdict.Facts.ShouldContain(f => f.Contains("no drop guarantee"));
        verdict.Rules.ShouldNotContain(r => r.Key == RuleKeys.DropGuarantee);
    }

    [Theory]
    [InlineData(168.0, VerdictKind.Accept)]    // exactly 7 days after the last payment
    [InlineData(168.5, VerdictKind.Fight)]     // after 7 days: no refund, future billing cancelled
    public async Task Renewal_CancelWithinSevenDaysOfTheLastPayment(double requestHours, VerdictKind expected)
    {
        var records = new Records();
        records.Store.Add(new Subscription
        {
            Id = "SUB-1", CustomerId = "C1", Status = "active", Interval = "month",
            Renewals = [new() { At = T.Day(0), Amount = 1500, Currency = "eur", StripeChargeId = "ch_r1" }],
        });
        records.Message("M1", "inbound", T.Hour(requestHours), body: "Annuler mon abonnement s'il vous plaît.");
        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Reason(DisputeReason.SubscriptionCanceled).Charge("ch_r1").Amount(1500).Build());

        var verdict = PolicyEngine.Evaluate(bundle, Short);

        verdict.Kind.ShouldBe(expected);
        verdict.Facts.ShouldContain(f => f.Contains("7 days"));
    }

    [Fact]
    public async Task Account_DeliveredWithoutLogin_FightsAsNonTangibleGoods()
    {
        var order = new OrderBuilder().Kind(ServiceKind.Account).Quantity(1).StartedAfter(2).Build();
        var (verdict, _) = await Decide(new Records().With(order, (2, "account_sent", 1, null)), DisputeReason.ProductUnacceptable);

        verdict.Kind.ShouldBe(VerdictKind.Fight);
        verdict.Rules.ShouldContain(r => r.Key == RuleKeys.DeliveryOnly);
    }

    [Theory]
    [InlineData(DisputeReason.ProductNotReceived)]
    [InlineData(DisputeReason.Fraudulent)]
    public async Task Flag_DisputedWithoutContact_GoesToAPerson_ThePolicyAnnouncesNoSuspension(string reason)
    {
        var (_, flag) = await Decide(new Records().With(new OrderBuilder().Build(), Records.Completed), reason);

        flag.Flag.ShouldBeTrue();
        flag.Severity.ShouldBe("review");
        flag.SuggestedAction.ShouldBe("person_review");
    }
}

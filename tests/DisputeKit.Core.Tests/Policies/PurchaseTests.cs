using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Submission;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Policies;

/// <summary>
/// One payment, several orders: every order the charge paid for is found, judged alone, and the
/// verdicts combine — fight when nothing is owed, the sum owed when some is (never more than the
/// disputed amount), accept when all is — and the letter, the pack and Stripe's fields name them all.
/// </summary>
public sealed class PurchaseTests
{
    /// <summary>Followers, delivered in full: 100.00 EUR.</summary>
    private static Order Delivered => new OrderBuilder().Build() with { Id = "VL-31" };

    /// <summary>Likes that never started, bought in the same checkout: 30.00 EUR.</summary>
    private static Order NeverStarted => new OrderBuilder().NotStarted().Amount(3_000).Build() with { Id = "VL-32", CreatedAt = T.Zero.AddSeconds(2) };

    private static Records Checkout(params Order[] orders)
    {
        var records = new Records();
        foreach (var order in orders)
        {
            records.With(order, order.Status == "completed" ? Records.Completed : [(0.1, "queued", 0, null)]);
        }

        return records;
    }

    private static async Task<(DisputeKit.Core.Evidence.EvidenceBundle Bundle, Verdict Verdict)> DecideAsync(Records records, long amount, string reason = DisputeReason.ProductNotReceived)
    {
        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Amount(amount).Reason(reason).Build());
        return (bundle, PolicyEngine.Evaluate(bundle, Bundles.Policy));
    }

    [Fact]
    public async Task BothDelivered_Fight_NamingEveryOrder()
    {
        var (bundle, verdict) = await DecideAsync(Checkout(Delivered, Delivered with { Id = "VL-33", CreatedAt = T.Zero.AddSeconds(1) }), 20_000);

        bundle.Orders.Select(p => p.Order.Id).ShouldBe(["VL-31", "VL-33"]);
        verdict.Kind.ShouldBe(VerdictKind.Fight);
        verdict.Summary.ShouldContain("VL-31, VL-33");
        verdict.Facts.ShouldContain(f => f.StartsWith("Charge ch_test paid for 2 orders", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OneDelivered_OneNeverStarted_PartialForTheOneNeverStarted_AndEverythingNamesBoth()
    {
        var (bundle, verdict) = await DecideAsync(Checkout(Delivered, NeverStarted), 13_000);

        verdict.Kind.ShouldBe(VerdictKind.Partial);
        verdict.AmountOwed.ShouldBe(3_000, "the price of the order that never started, not the whole charge");
        verdict.Summary.ShouldContain("30.00 EUR for VL-32");

        var letter = EvidenceComposer.CoverLetter(bundle, verdict, Bundles.Policy);
        string.Join(" ", letter.Paragraphs).ShouldSatisfyAllConditions(
            text => text.ShouldContain("orders VL-31, VL-32"),
            text => text.ShouldContain("order VL-31, Instagram Followers"),
            text => text.ShouldContain("order VL-32"));
        var fields = EvidenceComposer.Compose(bundle, verdict, Bundles.Policy, new Dictionary<string, string>(), letter).Fields;
        fields["product_description"].ShouldSatisfyAllConditions(
            text => text.ShouldContain("One payment for 2 orders"),
            text => text.ShouldContain("order VL-31"),
            text => text.ShouldContain("order VL-32"));
        fields["refund_refusal_explanation"].ShouldContain("orders VL-31, VL-32");

        var model = PackModelBuilder.Build(bundle, verdict, Bundles.Policy, new Branding { Name = "Shop" }, T.Day(21));
        model.Deliveries.Select(d => d.Heading).ShouldBe(["Order VL-31 — Instagram Followers, 100.00 EUR", "Order VL-32 — Instagram Followers, 30.00 EUR"]);
        model.Deliveries[0].ChartSvg.ShouldNotBeNull();
        model.Summary.ShouldContain(new LabelValue("Order numbers", "VL-31, VL-32"));
    }

    [Fact]
    public async Task AtTheTightestTrim_OnlyTheFirstOrderKeepsItsChart_TheOthersSaySo()
    {
        var (bundle, verdict) = await DecideAsync(Checkout(Delivered, Delivered with { Id = "VL-33", CreatedAt = T.Zero.AddSeconds(1) }), 20_000);

        var model = PackModelBuilder.Build(bundle, verdict, Bundles.Policy, new Branding { Name = "Shop" }, T.Day(21), PackTrim.Levels[^1]);

        model.Deliveries[0].ChartSvg.ShouldNotBeNull();
        model.Deliveries[1].ChartSvg.ShouldBeNull();
        model.Deliveries[1].TimelineNote.ShouldContain("delivery chart is left out");
        model.Deliveries[1].Timeline.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task NothingStarted_AcceptTheWholeDisputedAmount_NeverMore()
    {
        var (_, verdict) = await DecideAsync(Checkout(NeverStarted with { Id = "VL-41", Amount = 10_000 }, NeverStarted), 12_000);

        verdict.Kind.ShouldBe(VerdictKind.Accept);
        verdict.AmountOwed.ShouldBe(12_000, "13,000 owed across the orders, capped at the 12,000 disputed");
    }

    [Fact]
    public async Task ADisputeForLessThanWasPaid_EachOrderJudgedOnItsShare_ProRata_AndSaysSo()
    {
        var (_, verdict) = await DecideAsync(Checkout(Delivered, NeverStarted), 6_500);

        verdict.Kind.ShouldBe(VerdictKind.Partial);
        verdict.AmountOwed.ShouldBe(1_500, "half of what was paid is disputed: half of the never-started order's price");
        verdict.Facts.ShouldContain(f => f.Contains("pro rata (50.0%", StringComparison.Ordinal) || f.Contains("pro rata (50.0 %", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOrderWithoutADeliveryLog_LeavesThePurchaseToAPerson()
    {
        var records = Checkout(Delivered);
        records.With(new OrderBuilder().Build() with { Id = "VL-34", CreatedAt = T.Zero.AddSeconds(3) });

        var (_, verdict) = await DecideAsync(records, 20_000);

        verdict.Kind.ShouldBe(VerdictKind.Review);
        verdict.Summary.ShouldContain("Order VL-34");
    }

    [Fact]
    public async Task MetadataListingSeveralOrders_MatchesThemAll()
    {
        var records = Checkout(Delivered with { Payment = null }, NeverStarted with { Payment = null });
        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Amount(13_000).Metadata("order_id", "VL-32, VL-31").Build());

        bundle.Match.MatchedBy.ShouldBe("dispute metadata.order_id");
        bundle.Orders.Select(p => p.Order.Id).ShouldBe(["VL-31", "VL-32"]);
    }

    [Fact]
    public async Task AContactAboutTheSecondOrder_IsAContactAboutThePurchase()
    {
        var records = Checkout(Delivered, NeverStarted).Message("m1", "inbound", T.Day(3), ["VL-32"], body: "My likes never started.");

        var (bundle, _) = await DecideAsync(records, 13_000);

        bundle.PriorContact.ContactedAboutPurchase.ShouldBeTrue();
    }
}

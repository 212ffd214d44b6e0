using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Evidence;

public sealed class DisputeMatcherTests
{
    [Fact]
    public async Task Match_ByChargeThenIntentThenMetadata_SaysWhichRuleMatched()
    {
        var records = new Records();
        records.Store.Add(new OrderBuilder().Build());
        records.Store.Add(new OrderBuilder().Build() with { Id = "VL-2", Payment = new PaymentInfo { StripePaymentIntentId = "pi_2" } });
        records.Store.Add(new OrderBuilder().Build() with { Id = "VL-3", Payment = null });
        var matcher = new DisputeMatcher(records.Store);

        (await matcher.MatchAsync(new DisputeBuilder().Build(), null, T.Ct)).MatchedBy.ShouldBe("order charge id");
        var byIntent = await matcher.MatchAsync(new DisputeBuilder().Charge("ch_x").PaymentIntent("pi_2").Build(), null, T.Ct);
        byIntent.Order!.Id.ShouldBe("VL-2");
        byIntent.MatchedBy.ShouldBe("order payment intent id");
        var byMetadata = await matcher.MatchAsync(new DisputeBuilder().Charge("ch_x").Metadata("order_id", "VL-3").Build(), null, T.Ct);
        byMetadata.Order!.Id.ShouldBe("VL-3");
        byMetadata.Customer!.Id.ShouldBe("C1");
    }

    [Fact]
    public async Task Match_Nothing_IsNotACrashAndListsEveryLookup()
    {
        var match = await new DisputeMatcher(new Records().Store).MatchAsync(new DisputeBuilder().Charge("ch_unknown").Build(), null, T.Ct);

        match.IsMatched.ShouldBeFalse();
        match.Tried.Count.ShouldBeGreaterThanOrEqualTo(4);
        match.Tried[0].ShouldContain("ch_unknown");
    }

    [Fact]
    public async Task Match_SubscriptionRenewalCharge_FindsRenewal()
    {
        var records = new Records();
        var renewal = new SubscriptionRenewal { At = T.Day(1), Amount = 900, Currency = "eur", StripeChargeId = "ch_ren" };
        records.Store.Add(new Subscription { Id = "SUB-1", CustomerId = "C1", Status = "active", Renewals = [renewal] });

        var match = await new DisputeMatcher(records.Store).MatchAsync(new DisputeBuilder().Charge("ch_ren").Build(), null, T.Ct);

        match.Subscription!.Id.ShouldBe("SUB-1");
        match.Renewal.ShouldBe(renewal);
        match.Customer!.Id.ShouldBe("C1");
    }
}

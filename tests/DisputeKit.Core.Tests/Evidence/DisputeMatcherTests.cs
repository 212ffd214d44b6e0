using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Evidence;

public sealed class DisputeMatcherTests
{
    /// <summary>The shop behind every row: an order per way of finding it, a renewal, and an order whose customer is missing.</summary>
    private static Records Shop()
    {
        var records = new Records();
        records.Store.Add(new OrderBuilder().Build() with { Id = "VL-CH", Payment = new PaymentInfo { StripeChargeId = "ch_order", StripePaymentIntentId = "pi_both" } });
        records.Store.Add(new OrderBuilder().Build() with { Id = "VL-PI", Payment = new PaymentInfo { StripePaymentIntentId = "pi_order" } });
        records.Store.Add(new OrderBuilder().Build() with { Id = "VL-MD", Payment = null });
        records.Store.Add(new OrderBuilder().Build() with { Id = "VL-ORPHAN", CustomerId = "C-gone", Payment = new PaymentInfo { StripeChargeId = "ch_orphan" } });
        records.Store.Add(new Subscription
        {
            Id = "SUB-1", CustomerId = "C1", Status = "active",
            Renewals = [new SubscriptionRenewal { At = T.Day(1), Amount = 900, Currency = "eur", StripeChargeId = "ch_renewal" }],
        });
        return records;
    }

    public static TheoryData<string, string, string?, string?, string?, string?, string?, string?> Matching => new()
    {
        // story,                                   charge,       dispute intent, charge intent, dispute metadata, charge metadata, order,       matched by
        { "charge id on an order",                  "ch_order",   null,           null,          null,             null,            "VL-CH",     "order charge id" },
        { "charge id wins over a payment intent",   "ch_order",   "pi_order",     null,          null,             null,            "VL-CH",     "order charge id" },
        { "charge id of a subscription renewal",    "ch_renewal", null,           null,          null,             null,            null,        "subscription renewal charge id" },
        { "the dispute's payment intent",           "ch_x",       "pi_order",     null,          null,             null,            "VL-PI",     "order payment intent id" },
        { "the charge's payment intent",            "ch_x",       null,           "pi_order",    null,             null,            "VL-PI",     "order payment intent id" },
        { "the dispute's metadata.order_id",        "ch_x",       null,           null,          "VL-MD",          null,            "VL-MD",     "dispute metadata.order_id" },
        { "the charge's metadata.order_id, spaced", "ch_x",       null,           null,          null,             "  VL-MD ",      "VL-MD",     "charge metadata.order_id" },
        { "metadata naming no order",               "ch_x",       null,           null,          "VL-NONE",        "VL-NONE2",      null,        null },
        { "nothing to go on",                       "ch_x",       null,           null,          null,             null,            null,        null },
        { "an order whose customer is missing",     "ch_orphan",  null,           null,          null,             null,            "VL-ORPHAN", "order charge id" },
    };

    [Theory]
    [MemberData(nameof(Matching))]
    public async Task Match_ByTheFormatsRules_InOrder_SayingWhatWasTried(
        string story, string chargeId, string? disputeIntent, string? chargeIntent, string? disputeOrder, string? chargeOrder, string? order, string? matchedBy)
    {
        var dispute = new DisputeBuilder().Charge(chargeId).Build() with
        {
            PaymentIntentId = disputeIntent,
            Metadata = disputeOrder is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["order_id"] = disputeOrder },
        };
        var charge = new ChargeDetails
        {
            Id = chargeId, Amount = 1, Currency = "eur", Created = T.Zero, PaymentIntentId = chargeIntent,
            Metadata = chargeOrder is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["order_id"] = chargeOrder },
        };

        var match = await new DisputeMatcher(Shop().Store).MatchAsync(dispute, charge, T.Ct);

        (match.Order?.Id).ShouldBe(order, story);
        (match.Renewal?.StripeChargeId).ShouldBe(chargeId == "ch_renewal" ? "ch_renewal" : null, story);
        match.MatchedBy.ShouldBe(matchedBy, story);
        match.IsMatched.ShouldBe(matchedBy is not null, story);
        match.Tried[0].ShouldContain(chargeId, customMessage: story);
        if (matchedBy is null)
        {
            match.Tried.ShouldContain(t => t.Contains("payment intent"), story);
            match.Tried.ShouldContain(t => t.StartsWith("dispute metadata.order_id") || t.Contains("named by the dispute's metadata.order_id"), story);
            match.Tried.ShouldContain(t => t.StartsWith("charge metadata.order_id") || t.Contains("named by the charge's metadata.order_id"), story);
        }

        if (order == "VL-ORPHAN")
        {
            match.Customer.ShouldBeNull();
            match.Tried.ShouldContain("customer C-gone: not found");
        }
        else if (matchedBy is not null)
        {
            match.Customer!.Id.ShouldBe("C1", story);
        }
    }

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

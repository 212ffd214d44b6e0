using System.Text.Json.Nodes;
using DisputeKit.Core.Warnings;
using DisputeKit.Stripe.Client;
using DisputeKit.StripeFake;
using Shouldly;

namespace DisputeKit.Stripe.Tests.Client;

/// <summary>Early fraud warnings and refunds through Stripe.net, against the fake over HTTP.</summary>
public sealed class WarningGatewayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RefundRequest Refund(string charge, long amount) =>
        new(charge, amount, null, new Dictionary<string, string> { ["early_fraud_warning"] = "issfr_x" });

    [Fact]
    public async Task Warnings_ListedNewestFirst_SinceTheGivenTime_ReadOneByOne()
    {
        await using var stripe = await FakeStripe.StartAsync(5);
        var first = stripe.Server.CreateWarning("ch_00001");
        var second = stripe.Server.CreateWarning("ch_00002", "unauthorized_use_of_card");

        var listed = new List<EarlyFraudWarning>();
        await foreach (var w in stripe.Client.ListWarningsAsync(TimeProvider.System.GetUtcNow().AddDays(-1), Ct))
        {
            listed.Add(w);
        }

        listed.Select(w => w.Id).ShouldBe([second, first], ignoreOrder: listed[0].Created == listed[1].Created);
        listed.ShouldAllBe(w => w.Actionable);
        listed.Single(w => w.Id == second).ShouldSatisfyAllConditions(
            w => w.ChargeId.ShouldBe("ch_00002"),
            w => w.FraudType.ShouldBe("unauthorized_use_of_card"),
            w => w.PaymentIntentId.ShouldBeNull());
        stripe.Server.Requests.ShouldContain(r => r.Path == "/v1/radar/early_fraud_warnings" && Uri.UnescapeDataString(r.Query).Contains("created[gte]=", StringComparison.Ordinal));

        await foreach (var _ in stripe.Client.ListWarningsAsync(TimeProvider.System.GetUtcNow().AddDays(1), Ct))
        {
            throw new ShouldAssertException("nothing was made after tomorrow");
        }

        (await stripe.Client.GetWarningAsync(first, Ct)).ChargeId.ShouldBe("ch_00001");
        (await Should.ThrowAsync<StripeException>(() => stripe.Client.GetWarningAsync("issfr_none", Ct))).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Refund_Keyed_SentTwiceUnderOneKey_OneRefund_TheChargeAndItsWarningFollow()
    {
        await using var stripe = await FakeStripe.StartAsync(3);
        var warning = stripe.Server.CreateWarning("ch_00002");

        var made = await stripe.Client.RefundAsync(Refund("ch_00002", 1002) with { Reason = "fraudulent" }, "dk-efw-x-refund", Ct);
        var again = await stripe.Client.RefundAsync(Refund("ch_00002", 1002) with { Reason = "fraudulent" }, "dk-efw-x-refund", Ct);

        again.Id.ShouldBe(made.Id, "Stripe replays the first answer");
        made.Amount.ShouldBe(1002);
        stripe.Server.Refunds.ShouldHaveSingleItem()["metadata"]!["early_fraud_warning"]!.GetValue<string>().ShouldBe("issfr_x");
        var sent = stripe.Server.Requests.First(r => r.Path == "/v1/refunds");
        sent.Form["reason"].ShouldBe("fraudulent");
        sent.Form["amount"].ShouldBe("1002");
        sent.IdempotencyKey.ShouldBe("dk-efw-x-refund");
        var charge = await stripe.Client.GetChargeAsync("ch_00002", Ct);
        charge.AmountRefunded.ShouldBe(1002);
        charge.Refundable.ShouldBe(0);
        (await stripe.Client.GetWarningAsync(warning, Ct)).Actionable.ShouldBeFalse("a fully refunded charge's warning is no longer actionable");

        var twice = await Should.ThrowAsync<StripeException>(() => stripe.Client.RefundAsync(Refund("ch_00002", 1), "dk-other", Ct));
        twice.Code.ShouldBe("charge_already_refunded");
    }

    [Fact]
    public async Task Refund_WithoutAReason_SendsNone()
    {
        await using var stripe = await FakeStripe.StartAsync(1);

        await stripe.Client.RefundAsync(Refund("ch_00000", 500), "k-no-reason", Ct);

        stripe.Server.Requests.Single(r => r.Path == "/v1/refunds").Form.ContainsKey("reason").ShouldBeFalse("Stripe.net sends a null property as an empty value; it is left unset");
        (await stripe.Client.GetChargeAsync("ch_00000", Ct)).Refundable.ShouldBe(500);
    }

    [Fact]
    public async Task Refund_DisputedCharge_RefusedWithStripesCode()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.AddCharge(new JsonObject { ["id"] = "ch_disputed", ["object"] = "charge", ["amount"] = 900, ["amount_refunded"] = 0, ["currency"] = "eur", ["created"] = 1_789_000_000, ["disputed"] = true });
        stripe.Server.AddCharge(new JsonObject { ["id"] = "ch_added", ["object"] = "charge", ["amount"] = 900, ["amount_refunded"] = 0, ["currency"] = "eur", ["created"] = 1_789_000_000, ["disputed"] = false });
        (await stripe.Client.RefundAsync(Refund("ch_added", 900), "k-added", Ct)).Amount.ShouldBe(900, "a charge added by a test is refunded like a seeded one");

        var refused = await Should.ThrowAsync<StripeException>(() => stripe.Client.RefundAsync(Refund("ch_disputed", 900), "k-disputed", Ct));

        refused.Status.ShouldBe(400);
        refused.Code.ShouldBe("charge_disputed");
        stripe.Server.Refunds.ShouldAllBe(r => r["charge"]!.GetValue<string>() != "ch_disputed");
    }

    [Fact]
    public async Task Refund_ConnectionDroppedAfterStripeApplied_ResentUnderTheSameKey_OneRefund()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.Faults.Enqueue(FakeFault.DropAfterApplying("/v1/refunds"));

        var made = await stripe.Client.RefundAsync(Refund("ch_00000", 1000), "k-drop", Ct);

        made.Amount.ShouldBe(1000);
        stripe.Server.Refunds.ShouldHaveSingleItem();
        stripe.Server.Requests.Count(r => r.Path == "/v1/refunds" && r.Replayed).ShouldBe(1);
    }

    [Fact]
    public async Task CatchUp_ListsWarningEventsBesideDisputeEvents_ByExactTypes()
    {
        await using var stripe = await FakeStripe.StartAsync(2);
        var warning = stripe.Server.CreateWarning("ch_00001");

        var events = new List<DisputeKit.Core.Events.StripeEvent>();
        await foreach (var e in stripe.Client.ListEventsAsync(DateTimeOffset.UnixEpoch, Ct))
        {
            events.Add(e);
        }

        events.ShouldContain(e => e.Type == "radar.early_fraud_warning.created" && e.ObjectId == warning && e.IsWarningEvent);
        events.Count(e => e.IsDisputeEvent).ShouldBe(2);
        stripe.Server.Requests.Single(r => r.Path == "/v1/events").Query.ShouldContain("types");
    }
}

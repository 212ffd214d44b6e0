using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Submission;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Submission;

public sealed class EvidenceComposerTests
{
    [Fact]
    public async Task Compose_FieldsAreWithinLimitsAndFreeOfLinks()
    {
        var records = new Records().With(new OrderBuilder().Build(), Records.Completed)
            .Message("M1", "inbound", T.Day(5), ["VL-1"], body: "see https://evil.example/x and www.example.org");
        records.Store.Add(new Customer { Id = "C1", Email = "jane@example.test", Name = "Jane http://spam.example", CreatedAt = T.Day(-100) });
        for (var i = 0; i < 3000; i++)
        {
            records.Store.Add(new AccountActivity { CustomerId = "C1", At = T.Day(1).AddMinutes(i), Type = "login", Ip = "81.2.3.4", DeviceFingerprint = new string('f', 40) });
        }

        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Build());
        var verdict = PolicyEngine.Evaluate(bundle, Bundles.Policy);
        var evidence = EvidenceComposer.Compose(bundle, verdict, Bundles.Policy, new Dictionary<string, string> { ["service_documentation"] = "file_1" });

        foreach (var (field, value) in evidence.Fields)
        {
            value.Length.ShouldBeLessThanOrEqualTo(EvidenceLimits.LimitOf(field), field);
            value.ShouldNotContain("http", Case.Insensitive, field);
            value.ShouldNotContain("www.", Case.Insensitive, field);
        }

        evidence.Fields.Where(kv => !EvidenceLimits.FileFields.Contains(kv.Key)).Sum(kv => kv.Value.Length).ShouldBeLessThanOrEqualTo(EvidenceLimits.AllText);
        evidence.Fields["access_activity_log"].ShouldContain("omitted to fit");
        evidence.Fields["service_documentation"].ShouldBe("file_1");
    }

    [Fact]
    public async Task Compose_ControlCharactersInTheRecords_RemovedFromEveryField_AndNamed()
    {
        var records = new Records().With(new OrderBuilder().Build(), Records.Completed)
            .Message("M1", "inbound", T.Day(5), ["VL-1"], body: "bell\u0007 and escape \u001b[31m red");
        records.Store.Add(new Customer { Id = "C1", Email = "jane@example.test", Name = "Jane\u0000 Doe\u202E", CreatedAt = T.Day(-100) });

        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Build());
        var evidence = EvidenceComposer.Compose(bundle, PolicyEngine.Evaluate(bundle, Bundles.Policy), Bundles.Policy, new Dictionary<string, string>());

        evidence.Fields["customer_name"].ShouldBe("Jane Doe");
        foreach (var (field, value) in evidence.Fields)
        {
            value.ShouldNotContain('\u0000', field);
            value.ShouldNotContain('\u001b', field);
            value.ShouldNotContain('\u202E', field);
        }

        evidence.ControlsRemoved.ShouldContain("customer_name");
        evidence.ControlsRemoved.ShouldNotContain("service_date");
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(300)]
    [InlineData(200)]
    public async Task AccessActivityLog_UseAfterPurchaseWithTimesAndIps_WithinTheLimit(int limit)
    {
        var records = new Records().With(new OrderBuilder().Build(), Records.Completed);
        records.Store.Add(new AccountActivity { CustomerId = "C1", At = T.Day(-1), Type = "login", Ip = "10.9.9.9" });
        records.Store.Add(new AccountActivity { CustomerId = "C1", At = T.Hour(30), Type = "order_viewed", Ip = "81.2.3.5" });
        records.Store.Add(new AccountActivity { CustomerId = "C1", At = T.Hour(2), Type = "login", Ip = "81.2.3.4", DeviceFingerprint = "fp_abc" });
        records.Store.Add(new AccountActivity { CustomerId = "C1", At = T.Day(3), Type = "api_call", Ip = "81.2.3.6" });
        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Build());

        var log = EvidenceComposer.AccessActivityLog(bundle, limit);

        log.Length.ShouldBeLessThanOrEqualTo(limit);
        log.ShouldStartWith("Account activity after the purchase (UTC):");
        log.ShouldNotContain("10.9.9.9", customMessage: "activity before the purchase is not use of the service");
        log.ShouldContain("2026-09-01 14:00 UTC login from IP 81.2.3.4, device fp_abc");
        if (limit >= 300)
        {
            log.IndexOf("order_viewed from IP 81.2.3.5", StringComparison.Ordinal).ShouldBeLessThan(log.IndexOf("api_call from IP 81.2.3.6", StringComparison.Ordinal));
            log.ShouldNotContain("omitted");
        }
        else
        {
            log.ShouldContain("later entries omitted to fit the field; the full log is in the evidence pack.");
        }
    }

    [Fact]
    public async Task Compose_NamesOrderDeliveredQuantityAndRule()
    {
        var bundle = await Bundles.GatherAsync(new Records().With(new OrderBuilder().Build(), Records.Completed), new DisputeBuilder().Build());
        var verdict = PolicyEngine.Evaluate(bundle, Bundles.Policy);

        var evidence = EvidenceComposer.Compose(bundle, verdict, Bundles.Policy, new Dictionary<string, string>());
        var letter = EvidenceComposer.CoverLetter(bundle, verdict, Bundles.Policy);

        evidence.Fields["product_description"].ShouldContain("VL-1");
        evidence.Fields["product_description"].ShouldContain("Delivered 1000 of 1000");
        evidence.Fields["refund_refusal_explanation"].ShouldContain("§5");
        evidence.Fields["uncategorized_text"].ShouldContain("did not contact support");
        string.Join(" ", letter.Paragraphs).ShouldContain("order VL-1");
        evidence.Metadata["disputekit_verdict"].ShouldBe("fight");
    }

    [Theory]
    [InlineData(DisputeReason.ProductNotReceived, 2, "Proof of delivery: order VL-1")]
    [InlineData(DisputeReason.ProductUnacceptable, 2, "The seller guarantees delivery")]
    [InlineData(DisputeReason.CreditNotProcessed, 2, "No refund was promised")]
    [InlineData(DisputeReason.Duplicate, 2, "The disputed payment is not a duplicate: it paid for order VL-1")]
    [InlineData(DisputeReason.Fraudulent, 1, "The purchase was made from the customer's own shop account C1")]
    [InlineData(DisputeReason.Unrecognized, 1, "The purchase was made from the customer's own shop account C1")]
    [InlineData(DisputeReason.General, 2, "Proof of delivery: order VL-1")]
    public async Task CoverLetter_LeadsWithTheFactsThatAnswerTheReason(string reason, int paragraph, string lead)
    {
        var bundle = await Bundles.GatherAsync(new Records().With(new OrderBuilder().Build(), Records.Completed), new DisputeBuilder().Reason(reason).Build());
        var verdict = PolicyEngine.Evaluate(bundle, Bundles.Policy);

        var letter = EvidenceComposer.CoverLetter(bundle, verdict, Bundles.Policy);

        letter.Paragraphs[paragraph].ShouldStartWith(lead);
        var text = string.Join("\n", letter.Paragraphs);
        if (DisputeReason.IsIdentityClaim(reason))
        {
            text.ShouldNotContain("did not contact support", Case.Insensitive, "no contact is no argument against a fraud claim");
        }
        else
        {
            text.ShouldContain("did not contact support", Case.Insensitive);
        }
    }

    [Fact]
    public async Task CoverLetter_SubscriptionCanceled_GivesTheRenewalAndCancellationTimeline()
    {
        var records = new Records();
        records.Store.Add(new Subscription
        {
            Id = "SUB-1", CustomerId = "C1", Status = "active", Interval = "month", CreatedAt = T.Day(-60),
            Renewals = [new() { At = T.Day(-30), Amount = 1500, Currency = "eur", StripeChargeId = "ch_r1" }, new() { At = T.Day(0), Amount = 1500, Currency = "eur", StripeChargeId = "ch_r2" }],
        });
        var bundle = await Bundles.GatherAsync(records, new DisputeBuilder().Reason(DisputeReason.SubscriptionCanceled).Charge("ch_r2").Amount(1500).Build());
        var verdict = PolicyEngine.Evaluate(bundle, Bundles.Policy);

        var letter = EvidenceComposer.CoverLetter(bundle, verdict, Bundles.Policy);
        var evidence = EvidenceComposer.Compose(bundle, verdict, Bundles.Policy, new Dictionary<string, string>());

        letter.Paragraphs[2].ShouldStartWith("Renewal and cancellation timeline of subscription SUB-1");
        letter.Paragraphs[2].ShouldContain("had not cancelled");
        evidence.Fields["cancellation_rebuttal"].ShouldContain("SUB-1");
    }
}

using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Submission;
using DisputeKit.Testing;
using Shouldly;
using DisputeKit.MerchantData.Files;

namespace DisputeKit.Stripe.Tests.Client;

/// <summary>
/// Visa CE 3.0 from the seller's records to Stripe: the gatherer reads the earlier charges' cards
/// from the fake over HTTP, and the staged evidence carries the enhanced-evidence payload.
/// </summary>
public sealed class VisaCe3EndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gather_FraudWithTwoEarlierChargesOnTheCard_StagesTheCe3Payload()
    {
        // The fake's charges ch_00000..ch_00003 are all paid with card "fp1".
        await using var stripe = await FakeStripe.StartAsync(4);
        var disputedAt = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);
        var records = new InMemoryMerchantRecords();
        records.Add(new Customer { Id = "C1", Email = "jane@example.test", CreatedAt = disputedAt.AddDays(-500) });
        records.Add(Order("VL-D", "ch_00000", disputedAt.AddDays(-5)));
        records.Add(Order("VL-A", "ch_00001", disputedAt.AddDays(-200)));
        records.Add(Order("VL-B", "ch_00002", disputedAt.AddDays(-300)));
        records.Add(Order("VL-C", "ch_00003", disputedAt.AddDays(-100)));
        records.Add(Order("VL-X", "ch_unknown", disputedAt.AddDays(-150)));
        var dispute = new Dispute
        {
            Id = "dp_00000", Amount = 1000, Currency = "eur", ChargeId = "ch_00000", Reason = DisputeReason.Fraudulent, Status = "needs_response",
            Created = disputedAt, NetworkReasonCode = "10.4", CardBrand = "visa",
        };
        var charge = await stripe.Client.GetChargeAsync("ch_00000", Ct);

        var bundle = await new EvidenceGatherer(records, new DisputeMatcher(records), stripe.Client)
            .GatherAsync(dispute, charge, new HashSet<string> { "ch_00000" }, Ct);

        bundle.VisaCe3.Qualifies.ShouldBeTrue(bundle.VisaCe3.Summary);
        bundle.VisaCe3.Candidates.Single(c => c.OrderId == "VL-C").Reason.ShouldContain("under 120 days");
        bundle.VisaCe3.Candidates.Single(c => c.OrderId == "VL-X").Reason.ShouldContain("ch_unknown could not be read from Stripe");
        stripe.Server.Requests.Where(r => r.Method == "GET").Select(r => r.Path).ShouldBe(
            ["/v1/charges/ch_00000", "/v1/charges/ch_00001", "/v1/charges/ch_unknown", "/v1/charges/ch_00002"], ignoreOrder: true);

        var policy = RefundPolicyLoader.Load(RepoPaths.Templates, "viplikes-refund");
        var evidence = EvidenceComposer.Compose(bundle, PolicyEngine.Evaluate(bundle, policy), policy, new Dictionary<string, string>()) with { IntendedSubmissionMethod = "manual" };
        await stripe.Client.UpdateEvidenceAsync(dispute.Id, evidence, submit: false, "ce3-e2e", Ct);

        var stored = stripe.Server.Dispute(dispute.Id)!["evidence"]!["enhanced_evidence"]!["visa_compelling_evidence_3"]!;
        stored["disputed_transaction"]!["customer_purchase_ip"]!.GetValue<string>().ShouldBe("81.2.3.4");
        stored["disputed_transaction"]!["merchandise_or_services"]!.GetValue<string>().ShouldBe("services");
        stored["prior_undisputed_transactions"]!.AsArray().Select(t => t!["charge"]!.GetValue<string>()).ShouldBe(["ch_00001", "ch_00002"]);
        evidence.Fields["uncategorized_text"].ShouldContain("qualifies for Visa Compelling Evidence 3.0");
    }

    private static Order Order(string id, string chargeId, DateTimeOffset at) => new()
    {
        Id = id,
        CustomerId = "C1",
        CreatedAt = at,
        Service = new ServiceInfo { Id = "ig", Name = "Instagram Followers", Kind = "followers" },
        Quantity = 1000,
        Amount = 1000,
        Currency = "eur",
        Status = "completed",
        Delivered = 1000,
        Payment = new PaymentInfo { StripeChargeId = chargeId, PurchaseIp = "81.2.3.4", DeviceFingerprint = "fp_device_0123456789abc" },
    };
}

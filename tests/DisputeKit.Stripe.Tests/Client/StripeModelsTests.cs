using System.Text.Json.Nodes;
using DisputeKit.Stripe.Gateway;
using Shouldly;

namespace DisputeKit.Stripe.Tests.Client;

/// <summary>Stripe's own example objects (from its OpenAPI fixtures), read by Stripe.net, as DisputeKit's types.</summary>
public sealed class StripeModelsTests
{
    private static readonly JsonObject Resources =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "stripe-fixtures-subset.json")))!["resources"]!.AsObject();

    [Fact]
    public void Dispute_StripeFixture_ReadsEveryFieldWeUse()
    {
        var dispute = Dispute(Resources["dispute"]!);

        dispute.Id.ShouldBe("dp_1Pgc71B7WZ01zgkWMevJiAUx");
        dispute.Status.ShouldBe("warning_needs_response");
        dispute.Reason.ShouldBe("general");
        dispute.DueBy.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1723679999));
        dispute.NetworkReasonCode.ShouldBe("10.4");
        dispute.CaseType.ShouldBe("inquiry");
        dispute.EnhancedEligibilityTypes.ShouldBe(["visa_compelling_evidence_3"]);
        dispute.PaymentIntentId.ShouldBeNull();
    }

    [Fact]
    public void Charge_StripeFixture_ReadsCardAndBilling()
    {
        var charge = StripeModels.Charge(global::Stripe.StripeEntity.FromJson<global::Stripe.Charge>(Resources["charge"]!.ToJsonString()));

        charge.CardFingerprint.ShouldBe("AOB934RVNwzk6xtn");
        charge.CardLast4.ShouldBe("4242");
        charge.BillingName.ShouldBe("Jenny Rosen");
        charge.CustomerId.ShouldBeNull();
    }

    [Fact]
    public void Dispute_UnknownStatusAndExtraFields_KeptNotRejected()
    {
        var raw = Resources["dispute"]!.DeepClone().AsObject();
        raw["status"] = "some_future_status";
        raw["reason"] = "a_new_reason";
        raw["brand_new_object"] = new JsonObject { ["x"] = 1 };
        raw["charge"] = Resources["charge"]!.DeepClone();

        var dispute = Dispute(raw);

        dispute.Status.ShouldBe("some_future_status");
        dispute.Reason.ShouldBe("a_new_reason");
        dispute.Charge!.Id.ShouldBe("ch_1PgafuB7WZ01zgkWXYmPNZs8");
        dispute.ChargeId.ShouldBe("ch_1PgafuB7WZ01zgkWXYmPNZs8");
    }

    [Fact]
    public void Dispute_EndiveFields_WhoSubmitsAndWhoSubmitted()
    {
        var raw = Resources["dispute"]!.DeepClone().AsObject();
        raw["intended_submission_method"] = "prefer_smart_disputes";
        raw["evidence_details"]!["submission_method"] = "smart_disputes";
        raw["evidence_details"]!["submission_count"] = 1;
        raw["network_reason_code"] = "13.1";

        var dispute = Dispute(raw);

        dispute.IntendedSubmissionMethod.ShouldBe("prefer_smart_disputes");
        dispute.SubmissionMethod.ShouldBe("smart_disputes");
        dispute.SubmissionCount.ShouldBe(1);
        dispute.NetworkReasonCode.ShouldBe("13.1", "the top-level code, new in endive, before the card's");
    }

    private static DisputeKit.Core.Disputes.Dispute Dispute(JsonNode json) =>
        StripeModels.Dispute(global::Stripe.StripeEntity.FromJson<global::Stripe.Dispute>(json.ToJsonString()));
}

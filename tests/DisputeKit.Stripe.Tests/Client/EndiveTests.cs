using System.Text;
using DisputeKit.Core.Disputes;
using DisputeKit.Stripe.Client;
using Shouldly;

namespace DisputeKit.Stripe.Tests.Client;

/// <summary>
/// What endive added to Stripe's dispute product, through Stripe.net against the fake over HTTP:
/// the page-limit refusal, compliance disputes and their fee, appeals, and Smart Disputes'
/// own submissions.
/// </summary>
public sealed class EndiveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EvidenceUpdate Staging(IReadOnlyDictionary<string, string>? files = null) => new()
    {
        Fields = new Dictionary<string, string>(files ?? new Dictionary<string, string>()) { ["product_description"] = "Delivered." },
        IntendedSubmissionMethod = "manual",
    };

    private static readonly EvidenceUpdate Submission = new() { Fields = new Dictionary<string, string>() };

    /// <summary>A PDF of <paramref name="pages"/> pages, as far as page objects go.</summary>
    private static byte[] Pdf(int pages) =>
        Encoding.Latin1.GetBytes("%PDF-1.4\n" + string.Concat(Enumerable.Repeat("<< /Type /Page >>\n", pages)) + "%%EOF\n");

    [Fact]
    public async Task Stage_OverThePageLimit_RefusedWithStripesCode_NothingStaged()
    {
        await using var stripe = await FakeStripe.StartAsync(1, pageLimit: 5);
        var pack = await stripe.Client.UploadEvidenceFileAsync("pack.pdf", Pdf(4), "application/pdf", "k-pack", Ct);
        var policy = await stripe.Client.UploadEvidenceFileAsync("policy.pdf", Pdf(2), "application/pdf", "k-policy", Ct);

        var refused = await Should.ThrowAsync<StripeException>(() => stripe.Client.UpdateEvidenceAsync(
            "dp_00000", Staging(new Dictionary<string, string> { ["service_documentation"] = pack, ["refund_policy"] = policy }), submit: false, "k-stage", Ct));

        refused.Status.ShouldBe(400);
        refused.PageLimitExceeded.ShouldBeTrue();
        refused.Code.ShouldBe("dispute_evidence_page_limit_exceeded");
        refused.SavedUnderKey.ShouldBeFalse();
        refused.Message.ShouldContain("6 pages");
        stripe.Server.Dispute("dp_00000")!["evidence_details"]!["has_evidence"]!.GetValue<bool>().ShouldBeFalse();

        // Within the limit (the pack alone), the same dispute stages.
        var staged = await stripe.Client.UpdateEvidenceAsync("dp_00000", Staging(new Dictionary<string, string> { ["service_documentation"] = pack }), submit: false, "k-stage-2", Ct);
        staged.Evidence["service_documentation"].ShouldBe(pack);
    }

    [Fact]
    public async Task Compliance_StagedFreely_SubmittedOnlyWithTheFeeAcknowledged()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.MakeCompliance("dp_00000", ComplianceDisputes.Visa);

        var staged = await stripe.Client.UpdateEvidenceAsync("dp_00000", Staging(), submit: false, "k-stage", Ct);
        staged.EnhancedEligibilityTypes.ShouldContain(ComplianceDisputes.Visa);
        ComplianceDisputes.Kind(staged).ShouldBe(ComplianceDisputes.Visa);

        var unacknowledged = await Should.ThrowAsync<StripeException>(() => stripe.Client.UpdateEvidenceAsync("dp_00000", Submission, submit: true, "k-submit", Ct));
        unacknowledged.Param.ShouldBe("evidence[enhanced_evidence][visa_compliance][fee_acknowledged]");

        var submitted = await stripe.Client.UpdateEvidenceAsync(
            "dp_00000", Submission with { ComplianceFeeAcknowledged = ComplianceDisputes.Visa }, submit: true, "k-submit-ack", Ct);

        submitted.SubmissionCount.ShouldBe(1);
        stripe.Server.Requests[^1].Form["evidence[enhanced_evidence][visa_compliance][fee_acknowledged]"].ShouldBe("true");
        stripe.Server.Requests.Where(r => r.Form.ContainsKey("submit") && r.Form["submit"] == "false")
            .ShouldAllBe(r => !r.Form.Keys.Any(k => k.Contains("fee_acknowledged", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Appeal_OfALostDispute_StagedWithItsReasonAndFiles_ReadBack_ThenSubmitted()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        var pack = await stripe.Client.UploadEvidenceFileAsync("pack.pdf", Pdf(3), "application/pdf", "k-pack", Ct);
        await stripe.Client.UpdateEvidenceAsync("dp_00000", Staging(new Dictionary<string, string> { ["service_documentation"] = pack }), submit: false, "k-stage", Ct);
        await stripe.Client.UpdateEvidenceAsync("dp_00000", Submission, submit: true, "k-submit", Ct);
        stripe.Server.Resolve("dp_00000", "lost");
        var due = DateTimeOffset.FromUnixTimeSeconds(1_800_500_000);
        stripe.Server.MakeAppealable("dp_00000", due);

        var appealable = await stripe.Client.GetDisputeAsync("dp_00000", Ct);
        appealable.Status.ShouldBe(DisputeStatus.AppealNeedsResponse);
        appealable.DueBy.ShouldBe(due);
        appealable.SubmissionCount.ShouldBe(1);

        var appeal = new AppealEvidence("We appeal: the followers were delivered.", [pack]);
        var staged = await stripe.Client.UpdateEvidenceAsync(
            "dp_00000", new EvidenceUpdate { Fields = new Dictionary<string, string>(), Appeal = appeal, IntendedSubmissionMethod = "manual" }, submit: false, "k-appeal", Ct);

        staged.Appeal.ShouldBe(appeal.Fields());
        stripe.Server.Requests[^1].Form.Keys.ShouldContain("evidence[appeal][card][supporting_files][0]");
        var submitted = await stripe.Client.UpdateEvidenceAsync("dp_00000", Submission, submit: true, "k-appeal-submit", Ct);
        submitted.Status.ShouldBe(DisputeStatus.AppealUnderReview);
        submitted.SubmissionCount.ShouldBe(2);
    }

    [Fact]
    public async Task SmartDisputes_SubmittedItsOwnEvidence_ReadAsSuch()
    {
        await using var stripe = await FakeStripe.StartAsync(1);
        stripe.Server.SubmitBySmartDisputes("dp_00000");

        var dispute = await stripe.Client.GetDisputeAsync("dp_00000", Ct);

        dispute.SubmissionMethod.ShouldBe("smart_disputes");
        dispute.SubmissionCount.ShouldBe(1);
        dispute.Status.ShouldBe(DisputeStatus.UnderReview);
        // Stripe itself refuses evidence for a dispute under review (DisputeKit decides before ever asking: CaseActions).
        (await Should.ThrowAsync<StripeException>(() => stripe.Client.UpdateEvidenceAsync("dp_00000", Submission, submit: true, "k", Ct)))
            .Message.ShouldContain("under review");
    }
}

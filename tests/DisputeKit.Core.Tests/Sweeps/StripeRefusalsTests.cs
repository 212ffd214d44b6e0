using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Submission;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>
/// What Stripe's dispute product says since endive, answered: evidence refused as over the
/// network's page limit is shortened once and then set aside; a compliance dispute waits for a
/// person to accept its fee; a lost dispute DisputeKit answered is appealed when Stripe allows it.
/// </summary>
public sealed class StripeRefusalsTests
{
    private static SweepHarness Auto()
    {
        // A day before the deadline, in auto mode: a fought case goes to the bank in its first sweep.
        var h = new SweepHarness(new Dictionary<string, string?> { ["DisputeKit:Submission:Mode"] = "Auto" });
        h.Clock.Advance(TimeSpan.FromDays(12));
        return h;
    }

    [Fact]
    public async Task Stage_OverThePageLimit_RenderedShorterWithinFewerPages_ThenStaged()
    {
        using var h = new SweepHarness();
        h.Stripe.RefuseOverPageLimit(1);

        var fought = (await h.SweepAsync()).Valuable.Single(o => o.DisputeId == SweepHarness.Fought);

        fought.State.ShouldBe(CaseState.Staged);
        var c = await h.CaseAsync(SweepHarness.Fought);
        // Pack 4 + transcript 2 + policy 1 = 7 pages refused: now level 1 and at most 6, so the policy (in the pack) stays out.
        c.Shortened.ShouldBe(new PackBudget.Tighter(1, 6));
        c.Files.Select(f => f.Field).ShouldBe(["customer_communication"]);
        c.Audit.Select(a => a.Cause).ShouldContain(a => a.Contains("over the card network's page limit (7 pages sent)", StringComparison.Ordinal));
        c.Audit.Select(a => a.Cause).ShouldContain(a => a.StartsWith("refund policy not sent as refund_policy", StringComparison.Ordinal));
        // The second time the policy is tried at each level from 1 on, and fits at none.
        h.Renderer.Printed.ShouldBe([PackDocument.Pack, PackDocument.Transcript, PackDocument.Policy, PackDocument.Pack, PackDocument.Transcript, PackDocument.Policy, PackDocument.Policy, PackDocument.Policy]);
        h.Stripe.Evidence[SweepHarness.Fought].Keys.ShouldNotContain("refund_policy");
        h.Stripe.Evidence[SweepHarness.Fought]["service_documentation"].ShouldBe(c.PackFileId);
        h.Stripe.Calls.Count(x => x.Result == "refused: page limit").ShouldBe(1);
    }

    [Fact]
    public async Task Stage_OverThePageLimitTwice_SetAsideSayingSo_NeverAFailedLoop()
    {
        using var h = new SweepHarness();
        h.Stripe.RefuseOverPageLimit(2);

        await h.SweepAsync();
        var c = await h.CaseAsync(SweepHarness.Fought);
        c.State.ShouldBe(CaseState.SetAside);
        c.Note.ShouldNotBeNull().ShouldContain("page limit");
        c.Note.ShouldContain("after shortening it once");
        c.Attempts.ShouldBe(0, "a refusal Stripe explains is not a failure to retry");

        var calls = h.Stripe.Calls.Count;
        await h.SweepAsync();
        h.Stripe.Calls.Skip(calls).Select(x => x.Operation).ShouldBe(["list", "warnings"], "a set-aside case is left for a person: the sweep lists disputes and warnings, nothing more");
    }

    [Fact]
    public async Task Compliance_StagedThenSetAsideWithTheFee_AutoNeverSubmits_APersonAcknowledgesIt()
    {
        using var h = Auto();
        h.Stripe.Disputes[SweepHarness.Fought] = h.Stripe.Disputes[SweepHarness.Fought] with { EnhancedEligibilityTypes = [ComplianceDisputes.Visa] };

        await h.SweepAsync();

        var c = await h.CaseAsync(SweepHarness.Fought);
        c.State.ShouldBe(CaseState.SetAside);
        c.Compliance.ShouldBe(ComplianceDisputes.Visa);
        c.Note.ShouldNotBeNull().ShouldContain("500 USD");
        c.Note.ShouldContain($"disputekit submit {SweepHarness.Fought} --acknowledge-fee");
        h.Stripe.Evidence.ShouldContainKey(SweepHarness.Fought, "the answer is staged, ready for the person who pays the fee");
        h.Stripe.Calls.ShouldNotContain(x => x.Operation == "submit");

        var now = h.Clock.GetUtcNow();
        var refused = SubmissionPolicy.CanSubmitByHand(c, now);
        refused.Submit.ShouldBeFalse();
        refused.Reason.ShouldContain("--acknowledge-fee");
        SubmissionPolicy.CanSubmitByHand(c, now, acknowledgeFee: true).Submit.ShouldBeTrue();

        var done = await h.Get<CaseActions>().SubmitAsync(c, "submitted by a person", null, acknowledgeFee: true, T.Ct);

        done.Done.ShouldBeTrue(done.Message);
        done.Case!.State.ShouldBe(CaseState.Submitted);
        var submit = h.Stripe.Updates.Single(u => u.Submit);
        submit.Update.ComplianceFeeAcknowledged.ShouldBe(ComplianceDisputes.Visa);
        h.Stripe.Updates.Where(u => !u.Submit).ShouldAllBe(u => u.Update.ComplianceFeeAcknowledged == null, "staging never acknowledges the fee");
    }

    [Fact]
    public async Task Appeal_LostAfterDisputeKitsAnswer_ReopenedStagedAndSubmittedOnce_NamingTheFilesSent()
    {
        using var h = Auto();
        await h.SweepAsync();
        var answered = await h.CaseAsync(SweepHarness.Fought);
        answered.State.ShouldBe(CaseState.Submitted);

        // The bank decides against the merchant; Stripe lets the merchant appeal for two days.
        h.Stripe.Disputes[SweepHarness.Fought] = h.Stripe.Disputes[SweepHarness.Fought] with { Status = DisputeStatus.AppealNeedsResponse, DueBy = h.Clock.GetUtcNow().AddDays(1) };
        await h.SweepAsync();

        var appealed = await h.CaseAsync(SweepHarness.Fought);
        appealed.State.ShouldBe(CaseState.Submitted);
        var appeal = appealed.Appeal.ShouldNotBeNull();
        appeal.FirstSubmitKey.ShouldBe(answered.SubmitIdempotencyKey);
        appeal.SupportingFiles.ShouldBe([.. answered.EvidenceFiles().Values]);
        appealed.DueBy.ShouldNotBeNull().ShouldBe(h.Clock.GetUtcNow().AddDays(1), TimeSpan.FromMinutes(5));
        appealed.Audit.Select(a => (a.From, a.To)).ShouldContain((CaseState.Submitted, CaseState.Uploaded));

        var staged = h.Stripe.Updates.Single(u => u.Update.Appeal is not null);
        staged.Submit.ShouldBeFalse();
        staged.Update.Appeal!.SupportingFiles.ShouldBe([.. answered.EvidenceFiles().Values]);
        staged.Update.Appeal.ReasonForFiling.ShouldStartWith($"We appeal the decision on dispute {SweepHarness.Fought}");
        staged.Update.Appeal.ReasonForFiling.Length.ShouldBeLessThanOrEqualTo(AppealText.MaxLength);
        h.Stripe.Disputes[SweepHarness.Fought].Status.ShouldBe(DisputeStatus.AppealUnderReview);
        h.Stripe.Effects.Count(e => e.StartsWith("submit", StringComparison.Ordinal)).ShouldBe(2, "the answer, then the appeal");
        h.Stripe.Effects.ShouldContain($"submit dk-{SweepHarness.Fought}-appeal-submit");

        var calls = h.Stripe.Calls.Count;
        await h.SweepAsync();
        h.Stripe.Calls.Skip(calls).Select(x => x.Operation).ShouldBe(["list", "warnings"], "the appeal is in: nothing more to send");
    }

    [Fact]
    public async Task Appeal_ReviewMode_StagedForAPerson_WhoSubmitsIt()
    {
        using var h = new SweepHarness();
        await h.SweepAsync();
        var answered = await h.CaseAsync(SweepHarness.Fought);
        var byHand = await h.Get<CaseActions>().SubmitAsync(answered, "submitted by a person", null, acknowledgeFee: false, T.Ct);
        byHand.Case!.State.ShouldBe(CaseState.Submitted);
        h.Stripe.Disputes[SweepHarness.Fought] = h.Stripe.Disputes[SweepHarness.Fought] with { Status = DisputeStatus.AppealNeedsResponse, DueBy = h.Clock.GetUtcNow().AddDays(10) };

        await h.SweepAsync();
        var staged = await h.CaseAsync(SweepHarness.Fought);
        staged.State.ShouldBe(CaseState.Staged);
        staged.Appeal.ShouldNotBeNull();
        SubmissionPolicy.CanSubmitByHand(staged, h.Clock.GetUtcNow()).Submit.ShouldBeTrue();

        var appealed = await h.Get<CaseActions>().SubmitAsync(staged, "submitted by a person", null, acknowledgeFee: false, T.Ct);

        appealed.Done.ShouldBeTrue(appealed.Message);
        appealed.Message.ShouldContain("appeal submitted");
        h.Stripe.Disputes[SweepHarness.Fought].Status.ShouldBe(DisputeStatus.AppealUnderReview);
    }

    [Fact]
    public async Task Appeal_OfADisputeDisputeKitNeverAnswered_LeftToAPerson()
    {
        using var h = new SweepHarness();
        h.Stripe.Disputes[SweepHarness.Owed] = h.Stripe.Disputes[SweepHarness.Owed] with { Status = DisputeStatus.AppealNeedsResponse };

        var owed = (await h.SweepAsync()).Valuable.Single(o => o.DisputeId == SweepHarness.Owed);

        owed.State.ShouldBe(CaseState.Skipped);
        owed.Note.ShouldNotBeNull().ShouldContain("DisputeKit appeals only disputes it answered");
        h.Stripe.Calls.ShouldNotContain(x => x.Key != null && x.Key.Contains(SweepHarness.Owed, StringComparison.Ordinal));
    }
}

using DisputeKit.Core.Cases;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>
/// Who submits at the deadline is DisputeKit's choice, never Stripe's default: every staging says
/// so (<c>intended_submission_method</c>), and evidence Smart Disputes or a person submitted is
/// recognised as submitted elsewhere, saying by whom.
/// </summary>
public sealed class SubmissionMethodTests
{
    [Fact]
    public async Task Stage_SaysManualByDefault_OrTheConfiguredMethod()
    {
        using var byDefault = new SweepHarness();
        byDefault.Clock.Advance(TimeSpan.FromDays(12));
        using var preferring = new SweepHarness(new Dictionary<string, string?> { ["DisputeKit:Submission:StripeMethod"] = "prefer_manual" });
        preferring.Clock.Advance(TimeSpan.FromDays(12));

        (await byDefault.SweepAsync()).Count(CaseState.Staged).ShouldBe(1);
        (await preferring.SweepAsync()).Count(CaseState.Staged).ShouldBe(1);

        byDefault.Stripe.Disputes[SweepHarness.Fought].IntendedSubmissionMethod.ShouldBe("manual");
        preferring.Stripe.Disputes[SweepHarness.Fought].IntendedSubmissionMethod.ShouldBe("prefer_manual");
        var keys = new[] { byDefault, preferring }.Select(h => h.Stripe.Calls.Single(c => c.Operation == "stage").Key).ToList();
        keys[0].ShouldNotBe(keys[1], "a key names the whole request, the method too");
    }

    [Theory]
    [InlineData("smart_disputes", "Smart Disputes already submitted its own evidence")]
    [InlineData("manual", "by hand (in the Stripe Dashboard or through the API)")]
    [InlineData(null, "submitted for this dispute outside DisputeKit")]
    public async Task Sweep_EvidenceSubmittedOutsideDisputeKit_SkippedSayingByWhom_NothingSent(string? method, string said)
    {
        using var h = new SweepHarness();
        h.Clock.Advance(TimeSpan.FromDays(12));
        h.Stripe.Disputes[SweepHarness.Fought] = h.Stripe.Disputes[SweepHarness.Fought] with
        {
            HasEvidence = true,
            SubmissionCount = 1,
            SubmissionMethod = method,
            Status = "under_review",
        };

        var result = await h.SweepAsync();

        var fought = result.Valuable.Single(o => o.DisputeId == SweepHarness.Fought);
        fought.State.ShouldBe(CaseState.Skipped);
        fought.Note.ShouldNotBeNull().ShouldContain(said);
        (await h.CaseAsync(SweepHarness.Fought)).SubmittedElsewhere.ShouldBeTrue();
        h.Stripe.Effects.ShouldNotContain(e => e.Contains(SweepHarness.Fought, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_PreventedDispute_LeftAlone_NothingSent()
    {
        using var h = new SweepHarness();
        h.Clock.Advance(TimeSpan.FromDays(12));
        h.Stripe.Disputes[SweepHarness.Fought] = h.Stripe.Disputes[SweepHarness.Fought] with { Status = "prevented" };

        var fought = (await h.SweepAsync()).Valuable.Single(o => o.DisputeId == SweepHarness.Fought);

        fought.State.ShouldBe(CaseState.Skipped);
        fought.Note.ShouldNotBeNull().ShouldContain("prevented does not accept evidence");
        fought.Flagged.ShouldBeFalse();
        h.Stripe.Effects.ShouldNotContain(e => e.Contains(SweepHarness.Fought, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_UnknownStripeMethod_Refused()
    {
        var options = new DisputeKit.Core.Submission.SubmissionOptions { StripeMethod = "whenever" };
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true).ShouldBeFalse();
        errors.ShouldHaveSingleItem().ErrorMessage.ShouldNotBeNull().ShouldContain("DisputeKit:Submission:StripeMethod");
    }
}

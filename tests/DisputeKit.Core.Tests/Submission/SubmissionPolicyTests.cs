using DisputeKit.Core.Cases;
using DisputeKit.Core.Submission;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Submission;

public sealed class SubmissionPolicyTests
{
    private static readonly SubmissionOptions Auto = new() { Mode = SubmissionMode.Auto, MarginHours = 48 };
    private static readonly SubmissionOptions Review = new() { Mode = SubmissionMode.Review, MarginHours = 48 };

    private static DisputeCase Staged(DateTimeOffset due, string verdict = "fight", bool hold = false) => new()
    {
        DisputeId = "dp_test",
        State = CaseState.Staged,
        Reason = "product_not_received",
        Status = "needs_response",
        Amount = 5_000,
        Currency = "eur",
        DueBy = due,
        OnHold = hold,
        Verdict = new CaseVerdict { Kind = verdict, Summary = "s", Facts = [], Rules = [] },
        Audit = [],
    };

    [Theory]
    [InlineData(48.0, true)]
    [InlineData(47.9, true)]
    [InlineData(0.01, true)]
    [InlineData(48.1, false)]
    [InlineData(200, false)]
    public void Decide_AutoMode_SubmitsExactlyFromTheMargin(double hoursLeft, bool submits)
    {
        var decision = SubmissionPolicy.Decide(Staged(T.Hour(hoursLeft)), T.Zero, Auto);

        decision.Submit.ShouldBe(submits, decision.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.01)]
    [InlineData(-72)]
    public void Decide_AtOrAfterDueBy_NeverSubmits(double hoursLeft)
    {
        var decision = SubmissionPolicy.Decide(Staged(T.Hour(hoursLeft)), T.Zero, Auto);

        decision.Submit.ShouldBeFalse();
        decision.Reason.ShouldContain("nothing is sent after due_by");
        SubmissionPolicy.CanSubmitByHand(Staged(T.Hour(hoursLeft)), T.Zero).Submit.ShouldBeFalse();
    }

    [Fact]
    public void Decide_ReviewMode_LeavesSubmissionToAPerson()
    {
        var decision = SubmissionPolicy.Decide(Staged(T.Hour(1)), T.Zero, Review);

        decision.Submit.ShouldBeFalse();
        decision.Reason.ShouldContain("review mode");
        SubmissionPolicy.CanSubmitByHand(Staged(T.Hour(1)), T.Zero).Submit.ShouldBeTrue();
    }

    [Fact]
    public void Decide_OnHold_IsNotSubmittedEvenAtTheMargin()
    {
        var decision = SubmissionPolicy.Decide(Staged(T.Hour(2), hold: true), T.Zero, Auto);

        decision.Submit.ShouldBeFalse();
        decision.Reason.ShouldContain("hold");
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("review")]
    [InlineData("partial")]
    public void Decide_VerdictOtherThanFight_IsNotSubmittedAutomatically(string verdict) =>
        SubmissionPolicy.Decide(Staged(T.Hour(2), verdict), T.Zero, Auto).Submit.ShouldBeFalse();

    [Fact]
    public void Decide_NotStaged_IsNotSubmitted() =>
        SubmissionPolicy.Decide(Staged(T.Hour(2)) with { State = CaseState.Rendered }, T.Zero, Auto).Submit.ShouldBeFalse();

    [Theory]
    [InlineData(CaseState.Rendered, 10, true)]
    [InlineData(CaseState.Failed, 10, true)]
    [InlineData(CaseState.SetAside, 10, true)]
    [InlineData(CaseState.Staged, 10, true)]
    [InlineData(CaseState.Submitted, 10, false)]
    [InlineData(CaseState.Skipped, 10, false)]
    [InlineData(CaseState.Rendered, 60, false)]
    [InlineData(CaseState.Rendered, -1, false)]
    public void IsUrgent_WithinTheMarginAndNothingSent(CaseState state, double hoursLeft, bool urgent) =>
        SubmissionPolicy.IsUrgent(Staged(T.Hour(hoursLeft)) with { State = state }, T.Zero, Auto).ShouldBe(urgent);
}

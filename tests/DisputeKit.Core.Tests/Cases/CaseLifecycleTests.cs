using DisputeKit.Core.Cases;
using DisputeKit.Core.Submission;
using DisputeKit.Core.Tests.Builders;
using Shouldly;

namespace DisputeKit.Core.Tests.Cases;

public sealed class CaseLifecycleTests
{
    private static readonly DisputeCase Base = DisputeCase.Discover(new DisputeBuilder().Build(), T.Day(21));

    public static TheoryData<CaseState, CaseState> AllowedMoves()
    {
        var data = new TheoryData<CaseState, CaseState>();
        foreach (var t in CaseLifecycle.Transitions)
        {
            data.Add(t.From, t.To);
        }

        return data;
    }

    public static TheoryData<CaseState, CaseState> RefusedMoves()
    {
        var data = new TheoryData<CaseState, CaseState>();
        foreach (var from in Enum.GetValues<CaseState>())
        {
            foreach (var to in Enum.GetValues<CaseState>())
            {
                if (!CaseLifecycle.Allows(from, to))
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    /// <summary>A case in <paramref name="state"/>; a failed one failed at <paramref name="resumeFrom"/>.</summary>
    private static DisputeCase In(CaseState state, CaseState resumeFrom = CaseState.Rendered) =>
        Base with { State = state, ResumeFrom = state == CaseState.Failed ? resumeFrom : null, FailedStep = state == CaseState.Failed ? CaseStep.UploadPack : null };

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void MoveTo_EveryAllowedTransition_RecordsBothStates(CaseState from, CaseState to)
    {
        var moved = In(from, resumeFrom: CaseLifecycle.Open.Contains(to) ? to : CaseState.Rendered).MoveTo(to, "test", T.Day(22));

        moved.State.ShouldBe(to);
        moved.Audit[^1].ShouldBe(new AuditEntry(T.Day(22), to, "test", from));
    }

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public void MoveTo_EveryRefusedTransition_ThrowsNamingBothStates(CaseState from, CaseState to)
    {
        var refused = Should.Throw<InvalidCaseTransitionException>(() => In(from).MoveTo(to, "test", T.Day(22)));

        refused.From.ShouldBe(from);
        refused.To.ShouldBe(to);
        refused.Message.ShouldContain($"from {from} to {to}");
        refused.Message.ShouldContain(Base.DisputeId);
    }

    [Fact]
    public void Transitions_EveryOpenStateHasItsHappyPathStep_AndTheTableHasNoDuplicates()
    {
        CaseLifecycle.Transitions.Select(t => (t.From, t.To)).ShouldBeUnique();
        foreach (var open in CaseLifecycle.Open.Where(s => s != CaseState.Staged))
        {
            CaseLifecycle.Transitions.ShouldContain(t => t.From == open && t.Step == CaseLifecycle.StepFrom(open));
        }
    }

    [Theory]
    [InlineData(CaseState.Discovered)]
    [InlineData(CaseState.Decided)]
    [InlineData(CaseState.Rendered)]
    [InlineData(CaseState.PackUploaded)]
    [InlineData(CaseState.Uploaded)]
    [InlineData(CaseState.Staged)]
    public void Retry_ResumesOnlyAtTheStateTheFailureLeft(CaseState reached)
    {
        var failed = In(reached).Fail(CaseLifecycle.StepFrom(reached), "boom", T.Day(22));
        failed.ResumeFrom.ShouldBe(reached);
        failed.FailedStep.ShouldBe(CaseLifecycle.StepFrom(reached));
        failed.Attempts.ShouldBe(1);

        var again = failed.Fail(CaseLifecycle.StepFrom(reached), "boom again", T.Day(23));
        again.ResumeFrom.ShouldBe(reached, "a second failure before resuming keeps where the case had got to");
        again.Attempts.ShouldBe(2);

        var retried = again.Retry(T.Day(24));
        retried.State.ShouldBe(reached);
        retried.ResumeFrom.ShouldBeNull();
        retried.FailedStep.ShouldBeNull();
        foreach (var other in CaseLifecycle.Open.Where(s => s != reached))
        {
            Should.Throw<InvalidCaseTransitionException>(() => again.MoveTo(other, "skip ahead", T.Day(24)))
                .Message.ShouldContain($"resumes at {reached}");
        }
    }

    [Fact]
    public void ResumeState_CaseFileFromBeforeItWasKept_IsReadFromTheAuditTrail()
    {
        // As the sweep wrote failures before the lifecycle kept them: state failed, the audit's last move from rendered.
        var old = Base with
        {
            State = CaseState.Failed,
            Audit =
            [
                .. Base.Audit,
                new AuditEntry(T.Day(21), CaseState.Gathered, "records gathered", CaseState.Discovered),
                new AuditEntry(T.Day(21), CaseState.Decided, "verdict Fight", CaseState.Gathered),
                new AuditEntry(T.Day(21), CaseState.Rendered, "pack rendered", CaseState.Decided),
                new AuditEntry(T.Day(21), CaseState.Failed, "error", CaseState.Rendered),
                new AuditEntry(T.Day(22), CaseState.Failed, "error", CaseState.Failed),
            ],
        };

        CaseLifecycle.ResumeState(old).ShouldBe(CaseState.Rendered);
        old.Retry(T.Day(23)).State.ShouldBe(CaseState.Rendered);
        CaseLifecycle.ResumeState(Base with { State = CaseState.Failed }).ShouldBe(CaseState.Discovered);
    }

    [Theory]
    [InlineData(CaseState.Discovered, null, false, CaseStep.Gather)]
    [InlineData(CaseState.Gathered, null, false, CaseStep.Decide)]
    [InlineData(CaseState.Decided, "fight", false, CaseStep.Render)]
    [InlineData(CaseState.Decided, "fight", true, CaseStep.SetAside)]
    [InlineData(CaseState.Decided, "accept", false, CaseStep.SetAside)]
    [InlineData(CaseState.Decided, "review", false, CaseStep.SetAside)]
    [InlineData(CaseState.Rendered, "fight", false, CaseStep.UploadPack)]
    [InlineData(CaseState.PackUploaded, "fight", false, CaseStep.UploadDocuments)]
    [InlineData(CaseState.Uploaded, "fight", false, CaseStep.Stage)]
    [InlineData(CaseState.Staged, "fight", false, null)]
    [InlineData(CaseState.Failed, "fight", false, CaseStep.Retry)]
    [InlineData(CaseState.SetAside, "accept", false, null)]
    [InlineData(CaseState.Submitted, "fight", false, null)]
    public void Next_ByState(CaseState state, string? verdict, bool evidenceOnStripe, CaseStep? expected)
    {
        var c = In(state) with { Verdict = verdict is null ? null : new CaseVerdict { Kind = verdict, Summary = "s", Facts = [], Rules = [] } };
        var listed = new DisputeBuilder().Build() with { HasEvidence = evidenceOnStripe };

        CaseLifecycle.Next(c, listed, T.Day(22), new SubmissionOptions()).ShouldBe(expected);
    }

    [Theory]
    [InlineData(CaseState.Discovered)]
    [InlineData(CaseState.Uploaded)]
    [InlineData(CaseState.Staged)]
    [InlineData(CaseState.Failed)]
    public void Next_PastDueOrClosed_IsSkip(CaseState state)
    {
        var c = In(state);
        CaseLifecycle.Next(c, new DisputeBuilder().Build(), T.Day(40), new SubmissionOptions()).ShouldBe(CaseStep.Skip);
        CaseLifecycle.Next(c, new DisputeBuilder().Build() with { Status = "won" }, T.Day(22), new SubmissionOptions()).ShouldBe(CaseStep.Skip);
    }

    [Fact]
    public void Next_StagedInAutoModeWithinTheMargin_IsSubmit()
    {
        var staged = In(CaseState.Staged) with { Verdict = new CaseVerdict { Kind = "fight", Summary = "s", Facts = [], Rules = [] } };
        var auto = new SubmissionOptions { Mode = SubmissionMode.Auto };

        CaseLifecycle.Next(staged, new DisputeBuilder().Build(), T.Day(33), auto).ShouldBe(CaseStep.Submit);
        CaseLifecycle.Next(staged, new DisputeBuilder().Build(), T.Day(25), auto).ShouldBeNull();
        CaseLifecycle.Next(staged with { OnHold = true }, new DisputeBuilder().Build(), T.Day(33), auto).ShouldBeNull();
    }
}

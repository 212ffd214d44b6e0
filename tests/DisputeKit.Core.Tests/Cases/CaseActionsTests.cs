using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Tests.Builders;
using DisputeKit.Core.Tests.Sweeps;
using Shouldly;

namespace DisputeKit.Core.Tests.Cases;

/// <summary>
/// Submitting is the one thing that cannot be undone, and <see cref="CaseActions.SubmitAsync"/>
/// is the one place that decides it: on the dispute read from Stripe just before, nothing is
/// sent to a dispute that is closed, past due, already submitted or holds other evidence.
/// </summary>
public sealed class CaseActionsTests
{
    public static TheoryData<string, string> Changes() => new()
    {
        { "won", "Stripe status won does not accept evidence" },
        { "past_due", "has passed" },
        { "smart_disputes", "Smart Disputes already submitted its own evidence" },
        { "evidence_changed", "Stripe does not hold the evidence DisputeKit staged" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Submit_DisputeChangedOnStripeSinceStaging_NothingSent(string change, string said)
    {
        using var h = new SweepHarness();
        await h.SweepAsync();
        var staged = await h.CaseAsync(SweepHarness.Fought);
        staged.State.ShouldBe(CaseState.Staged);
        var dispute = h.Stripe.Disputes[SweepHarness.Fought];
        h.Stripe.Disputes[SweepHarness.Fought] = change switch
        {
            "won" => dispute with { Status = DisputeStatus.Won },
            "past_due" => dispute with { DueBy = h.Clock.GetUtcNow().AddMinutes(-1) },
            "smart_disputes" => dispute with { SubmissionCount = 1, SubmissionMethod = "smart_disputes", Status = DisputeStatus.UnderReview },
            _ => dispute with { Evidence = new Dictionary<string, string>(dispute.Evidence) { ["product_description"] = "changed in the Dashboard" } },
        };

        string message;
        try
        {
            var result = await h.Get<CaseActions>().SubmitAsync(staged, "submitted by a person", null, acknowledgeFee: false, T.Ct);
            result.Done.ShouldBeFalse();
            result.Case!.State.ShouldBe(CaseState.Skipped);
            message = result.Message;
        }
        catch (EvidenceRefusedException e)
        {
            message = e.Message;
        }

        message.ShouldContain(said);
        h.Stripe.Calls.ShouldNotContain(c => c.Operation == "submit");
    }
}

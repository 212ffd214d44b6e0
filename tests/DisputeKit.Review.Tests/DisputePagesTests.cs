using DisputeKit.Core.Cases;
using Shouldly;

namespace DisputeKit.Review.Tests;

/// <summary>Why the case page refuses an action, as it shows it.</summary>
public sealed class DisputePagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static DisputeCase Case(CaseState state, double dueInHours, string status = "needs_response", string? compliance = null) => new()
    {
        DisputeId = "dp_1",
        State = state,
        Reason = "fraudulent",
        Status = status,
        Amount = 1_000,
        Currency = "eur",
        DueBy = Now.AddHours(dueInHours),
        Compliance = compliance,
        StagedEvidence = compliance is null ? null : new Dictionary<string, string> { ["uncategorized_text"] = "x" },
        Audit = [new AuditEntry(Now.AddDays(-3), CaseState.Discovered, "listed on Stripe")],
    };

    [Fact]
    public void Refusals_EachActionSaysWhyItCannotBeDoneNow()
    {
        DisputePages.SubmitRefusal(Case(CaseState.Staged, 30), Now).ShouldBeNull();
        DisputePages.SubmitRefusal(Case(CaseState.Staged, -1), Now).ShouldBe("Dispute dp_1 is past its deadline; nothing is sent after due_by.");
        DisputePages.SubmitRefusal(Case(CaseState.SetAside, 30), Now).ShouldBe("Dispute dp_1 is set aside; only staged evidence can be submitted.");

        // A compliance case staged for a person may be submitted: the confirmation asks to accept the fee.
        DisputePages.SubmitRefusal(Case(CaseState.SetAside, 30, compliance: "visa_compliance"), Now).ShouldBeNull();

        DisputePages.AcceptRefusal(Case(CaseState.SetAside, 30), Now).ShouldBeNull();
        DisputePages.AcceptRefusal(Case(CaseState.Submitted, 30), Now).ShouldBe("Dispute dp_1 is already submitted; it can no longer be accepted.");
        DisputePages.AcceptRefusal(Case(CaseState.SetAside, 30, status: "lost"), Now).ShouldBe("Dispute dp_1 is lost on Stripe; there is nothing left to accept.");
        DisputePages.AcceptRefusal(Case(CaseState.SetAside, -2), Now).ShouldBe("Dispute dp_1 is past its deadline; the bank decides without an answer.");

        DisputePages.HoldRefusal(Case(CaseState.Staged, 30)).ShouldBeNull();
        DisputePages.HoldRefusal(Case(CaseState.Accepted, 30)).ShouldBe("Dispute dp_1 is already accepted; holding it changes nothing.");
    }
}

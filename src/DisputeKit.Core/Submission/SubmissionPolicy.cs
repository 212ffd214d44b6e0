using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Core.Submission;

/// <summary>What to do with a staged case now: the one place that decides whether evidence goes to the bank.</summary>
public static class SubmissionPolicy
{
    /// <summary>
    /// Why no evidence can be sent for <paramref name="dispute"/> at <paramref name="now"/> (its
    /// status, no response allowed, past due, already submitted), or null when it can.
    /// </summary>
    public static string? NoResponseReason(Dispute dispute, DateTimeOffset now)
    {
        var elsewhere = dispute.SubmissionCount == 0 ? null : dispute.SubmissionMethod switch
        {
            "smart_disputes" => "Stripe's Smart Disputes already submitted its own evidence for this dispute (not DisputeKit's; Stripe takes a share of what it wins).",
            "manual" => "Evidence was already submitted for this dispute outside DisputeKit, by hand (in the Stripe Dashboard or through the API).",
            _ => "Evidence was already submitted for this dispute outside DisputeKit.",
        };
        if (!DisputeStatus.AcceptsEvidence(dispute.Status))
        {
            return $"Stripe status {dispute.Status} does not accept evidence." + (elsewhere is null ? string.Empty : $" {elsewhere}");
        }

        if (dispute.DueBy is not { } due)
        {
            return "The bank allows no response to this dispute.";
        }

        if (dispute.PastDue || due <= now)
        {
            return $"The deadline {Formats.Stamp(due)} has passed.";
        }

        return elsewhere;
    }

    /// <summary>Whether the sweep submits <paramref name="staged"/> at <paramref name="now"/>, and if not, why.</summary>
    public static SubmitDecision Decide(DisputeCase staged, DateTimeOffset now, SubmissionOptions options)
    {
        if (staged.State != CaseState.Staged)
        {
            return new SubmitDecision(false, $"the case is {staged.State}, not staged");
        }

        if (staged.DueBy is not { } due || due <= now)
        {
            return new SubmitDecision(false, "the deadline has passed; nothing is sent after due_by");
        }

        if (staged.Verdict?.Kind != "fight")
        {
            return new SubmitDecision(false, "only cases the policy says to fight are submitted automatically");
        }

        if (staged.OnHold)
        {
            return new SubmitDecision(false, "a person put the case on hold");
        }

        if (options.Mode != SubmissionMode.Auto)
        {
            return new SubmitDecision(false, "review mode: a person submits");
        }

        return due - now <= options.Margin
            ? new SubmitDecision(true, $"auto mode: due within {options.MarginHours} h")
            : new SubmitDecision(false, $"auto mode: waits until {options.MarginHours} h before the deadline");
    }

    /// <summary>Whether a person may submit the case now (the <c>submit</c> command), and if not, why.</summary>
    public static SubmitDecision CanSubmitByHand(DisputeCase c, DateTimeOffset now)
    {
        if (c.State != CaseState.Staged)
        {
            return new SubmitDecision(false, $"dispute {c.DisputeId} is {c.State}; only staged evidence can be submitted");
        }

        return c.DueBy is { } due && due > now
            ? new SubmitDecision(true, "submitted by a person")
            : new SubmitDecision(false, $"dispute {c.DisputeId} is past its deadline; nothing is sent after due_by");
    }

    /// <summary>
    /// True when the deadline is within the margin and nothing has been sent to the bank yet:
    /// the case is not staged, or it is staged and waits for a person (review mode, or on hold).
    /// </summary>
    public static bool IsUrgent(DisputeCase c, DateTimeOffset now, SubmissionOptions options) =>
        c.DueBy is { } due && due > now && due - now <= options.Margin
        && c.State is not (CaseState.Submitted or CaseState.Accepted or CaseState.Skipped);
}

/// <summary>Whether to submit, and the reason either way.</summary>
public sealed record SubmitDecision(bool Submit, string Reason);

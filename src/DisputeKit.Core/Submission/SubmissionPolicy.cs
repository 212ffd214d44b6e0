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
    /// <paramref name="appeal"/>: for a case whose answer DisputeKit submitted, so an appealable
    /// dispute may be answered again (its earlier submission is DisputeKit's own).
    /// </summary>
    public static string? NoResponseReason(Dispute dispute, DateTimeOffset now, bool appeal = false)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var appealing = dispute.Status == DisputeStatus.AppealNeedsResponse;
        if (appealing && !appeal)
        {
            return "The dispute was lost and may be appealed (Stripe status appeal_needs_response); DisputeKit appeals only disputes it answered, so a person decides whether to appeal.";
        }

        var elsewhere = dispute.SubmissionCount == 0 || appealing ? null : dispute.SubmissionMethod switch
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

        if (staged.Compliance is not null)
        {
            return new SubmitDecision(false, "a compliance dispute: only a person accepts its network fee");
        }

        if (options.Mode != SubmissionMode.Auto)
        {
            return new SubmitDecision(false, "review mode: a person submits");
        }

        return due - now <= options.Margin
            ? new SubmitDecision(true, $"auto mode: due within {options.MarginHours} h")
            : new SubmitDecision(false, $"auto mode: waits until {options.MarginHours} h before the deadline");
    }

    /// <summary>
    /// Whether a person may submit the case now (the <c>submit</c> command), and if not, why. A
    /// compliance dispute is submitted only when the person acknowledges its fee
    /// (<paramref name="acknowledgeFee"/>); it waits set aside with its evidence staged.
    /// </summary>
    public static SubmitDecision CanSubmitByHand(DisputeCase c, DateTimeOffset now, bool acknowledgeFee = false)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.Compliance is { } kind && !acknowledgeFee)
        {
            return new SubmitDecision(false,
                $"dispute {c.DisputeId} is a compliance dispute: {ComplianceDisputes.Fee(kind)}. Nothing was sent. If you decide to answer, run 'disputekit submit {c.DisputeId} --acknowledge-fee'");
        }

        var stagedForAPerson = c.State == CaseState.SetAside && c.Compliance is not null && c.StagedEvidence is not null;
        if (c.State != CaseState.Staged && !stagedForAPerson)
        {
            return new SubmitDecision(false, $"dispute {c.DisputeId} is {CaseStateNames.Label(c.State)}; only staged evidence can be submitted");
        }

        if (acknowledgeFee && c.Compliance is null)
        {
            return new SubmitDecision(false, $"dispute {c.DisputeId} is not a compliance dispute; there is no fee to acknowledge (submit it without --acknowledge-fee)");
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
        IsUrgent(c?.State ?? throw new ArgumentNullException(nameof(c)), c.DueBy, now, options);

    /// <inheritdoc cref="IsUrgent(DisputeCase, DateTimeOffset, SubmissionOptions)"/>
    public static bool IsUrgent(CaseState state, DateTimeOffset? dueBy, DateTimeOffset now, SubmissionOptions options) =>
        dueBy is { } due && due > now && due - now <= (options ?? throw new ArgumentNullException(nameof(options))).Margin
        && state is not (CaseState.Submitted or CaseState.Accepted or CaseState.Skipped);
}

/// <summary>Whether to submit, and the reason either way.</summary>
public sealed record SubmitDecision(bool Submit, string Reason);

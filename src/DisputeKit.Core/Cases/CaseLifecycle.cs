using DisputeKit.Core.Disputes;
using DisputeKit.Core.Submission;

namespace DisputeKit.Core.Cases;

/// <summary>
/// The case lifecycle: which state may follow which (<see cref="Transitions"/>), by which step,
/// and which step comes next for a case (<see cref="Next"/>). A failed case remembers the last
/// state it reached and resumes there, so a retry runs exactly the steps a clean run would
/// have run from that point; nothing here compares the positions of states.
/// </summary>
public static class CaseLifecycle
{
    /// <summary>States in which the case still has steps ahead of it (a staged case may still be submitted or skipped).</summary>
    public static IReadOnlySet<CaseState> Open { get; } = new HashSet<CaseState>
    {
        CaseState.Discovered, CaseState.Gathered, CaseState.Decided, CaseState.Rendered, CaseState.PackUploaded, CaseState.Uploaded, CaseState.Staged,
    };

    /// <summary>States a sweep leaves as they are (until Stripe or a person changes something).</summary>
    public static IReadOnlySet<CaseState> Settled { get; } = new HashSet<CaseState>
    {
        CaseState.Staged, CaseState.Submitted, CaseState.Accepted, CaseState.SetAside, CaseState.Skipped,
    };

    /// <summary>Every allowed transition and the step that makes it.</summary>
    public static IReadOnlyList<CaseTransition> Transitions { get; } = Build();

    private static readonly HashSet<(CaseState, CaseState)> Allowed = [.. Transitions.Select(t => (t.From, t.To))];

    public static bool Allows(CaseState from, CaseState to) => Allowed.Contains((from, to));

    /// <summary>
    /// The step to run next on <paramref name="c"/>, given the dispute as Stripe lists it now;
    /// null when the case has nothing more to do for now.
    /// </summary>
    public static CaseStep? Next(DisputeCase c, Dispute listed, DateTimeOffset now, SubmissionOptions submission)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(listed);
        var noResponse = SubmissionPolicy.NoResponseReason(listed, now, appeal: c.Appeal is not null || c.State == CaseState.Submitted);
        if (c.State == CaseState.Submitted && c.Appeal is null && listed.Status == DisputeStatus.AppealNeedsResponse && noResponse is null)
        {
            // Lost after DisputeKit's answer, and Stripe lets the merchant appeal: the case reopens.
            return CaseStep.Appeal;
        }

        if (c.State is CaseState.Submitted or CaseState.Accepted or CaseState.SetAside or CaseState.Skipped)
        {
            return null;
        }

        if (noResponse is not null)
        {
            return CaseStep.Skip;
        }

        return c.State switch
        {
            CaseState.Failed => CaseStep.Retry,
            CaseState.Discovered => CaseStep.Gather,
            CaseState.Gathered => CaseStep.Decide,
            CaseState.Decided when c.Verdict?.Kind != "fight" || listed.HasEvidence || c.PriorContact?.UnreadSources is { Count: > 0 } => CaseStep.SetAside,
            CaseState.Decided => CaseStep.Render,
            CaseState.Rendered => CaseStep.UploadPack,
            CaseState.PackUploaded => CaseStep.UploadDocuments,
            CaseState.Uploaded => CaseStep.Stage,
            // Answering a compliance dispute costs a network fee: only a person accepts it.
            CaseState.Staged when c.Compliance is not null => CaseStep.SetAside,
            CaseState.Staged when SubmissionPolicy.Decide(c, now, submission).Submit => CaseStep.Submit,
            _ => null,
        };
    }

    /// <summary>
    /// Where a failed case resumes: the state it had reached when the step failed. Case files
    /// written before that was recorded are read from their audit trail: the state the first
    /// failure of the current run of failures moved from.
    /// </summary>
    public static CaseState ResumeState(DisputeCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.ResumeFrom is { } recorded)
        {
            return recorded;
        }

        for (var i = c.Audit.Count - 1; i >= 0; i--)
        {
            var entry = c.Audit[i];
            if (entry.To == CaseState.Failed && entry.From is { } from && from != CaseState.Failed)
            {
                return Open.Contains(from) ? from : CaseState.Discovered;
            }
        }

        return CaseState.Discovered;
    }

    /// <summary>The step that runs from <paramref name="state"/> when it succeeds on the happy path (what a failure there was doing).</summary>
    public static CaseStep StepFrom(CaseState state) => state switch
    {
        CaseState.Discovered => CaseStep.Gather,
        CaseState.Gathered => CaseStep.Decide,
        CaseState.Decided => CaseStep.Render,
        CaseState.Rendered => CaseStep.UploadPack,
        CaseState.PackUploaded => CaseStep.UploadDocuments,
        CaseState.Uploaded => CaseStep.Stage,
        CaseState.Staged => CaseStep.Submit,
        _ => CaseStep.Gather,
    };

    private static List<CaseTransition> Build()
    {
        var t = new List<CaseTransition>
        {
            new(CaseState.Discovered, CaseState.Gathered, CaseStep.Gather),
            new(CaseState.Gathered, CaseState.Decided, CaseStep.Decide),
            new(CaseState.Decided, CaseState.Rendered, CaseStep.Render),
            new(CaseState.Rendered, CaseState.PackUploaded, CaseStep.UploadPack),
            new(CaseState.PackUploaded, CaseState.Uploaded, CaseStep.UploadDocuments),
            new(CaseState.Uploaded, CaseState.Staged, CaseStep.Stage),
            new(CaseState.Staged, CaseState.Submitted, CaseStep.Submit),
            // The verdict is not to fight, Stripe holds evidence DisputeKit did not send, or the pack cannot fit the budget.
            new(CaseState.Decided, CaseState.SetAside, CaseStep.SetAside),
            // Stripe refused the evidence as over the network's page limit: rendered again one level shorter, once.
            new(CaseState.Uploaded, CaseState.Decided, CaseStep.Shorten),
            // ... and refused it again: a person decides.
            new(CaseState.Uploaded, CaseState.SetAside, CaseStep.SetAside),
            // A compliance dispute, staged: answering costs a fee only a person accepts ...
            new(CaseState.Staged, CaseState.SetAside, CaseStep.SetAside),
            // ... and the person who accepts it submits (submit --acknowledge-fee).
            new(CaseState.SetAside, CaseState.Submitted, CaseStep.Submit),
            // Lost after DisputeKit's answer and appealable: reopened with the files already sent, then staged like any answer.
            new(CaseState.Submitted, CaseState.Uploaded, CaseStep.Appeal),
            new(CaseState.Submitted, CaseState.Failed, CaseStep.Fail),
        };

        foreach (var open in Open)
        {
            t.Add(new(open, CaseState.Skipped, CaseStep.Skip));
            t.Add(new(open, CaseState.Accepted, CaseStep.Accept));
            t.Add(new(open, CaseState.Failed, CaseStep.Fail));
            t.Add(new(CaseState.Failed, open, CaseStep.Retry));
            if (open != CaseState.Staged)
            {
                // A submission DisputeKit sent, found on Stripe after a restart.
                t.Add(new(open, CaseState.Submitted, CaseStep.Reconcile));
            }
        }

        t.Add(new(CaseState.SetAside, CaseState.Accepted, CaseStep.Accept));
        t.Add(new(CaseState.Failed, CaseState.Failed, CaseStep.Fail));
        t.Add(new(CaseState.Failed, CaseState.Skipped, CaseStep.Skip));
        t.Add(new(CaseState.Failed, CaseState.Accepted, CaseStep.Accept));
        t.Add(new(CaseState.Failed, CaseState.Submitted, CaseStep.Reconcile));
        return t;
    }
}

/// <summary>One allowed move of a case, and the step that makes it.</summary>
public sealed record CaseTransition(CaseState From, CaseState To, CaseStep Step);

/// <summary>A transition the lifecycle does not allow was asked for: a bug in the step that asked.</summary>
public sealed class InvalidCaseTransitionException(string disputeId, CaseState from, CaseState to, string why)
    : InvalidOperationException($"Dispute {disputeId}: a case cannot move from {from} to {to} ({why}).")
{
    public CaseState From { get; } = from;

    public CaseState To { get; } = to;
}

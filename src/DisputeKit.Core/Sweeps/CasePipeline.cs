using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Submission;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// One dispute's path, however it arrives (a sweep, a poll, later a webhook): the case is
/// brought up to date with Stripe, then the lifecycle's next step runs and is saved, again and
/// again, until the case has nothing more to do for now. A step that fails leaves the case
/// failed at that step; the next attempt resumes there.
/// </summary>
public sealed class CasePipeline(
    CaseSteps steps, CaseEvidenceSource evidence, ICaseStore cases, IOptions<SubmissionOptions> submission, TimeProvider clock, ILogger<CasePipeline> logger)
{
    /// <summary>Works one claimed dispute: <paramref name="existing"/> is its case as stored, null for a new one.</summary>
    public async Task<CaseOutcome> WorkAsync(Dispute listed, DisputeCase? existing, SweepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var now = clock.GetUtcNow();
        if (existing is not null && CaseActions.Reconcile(existing, listed, now) is { } reconciled)
        {
            await cases.SaveAsync(reconciled, cancellationToken);
            return CaseOutcome.Of(reconciled, changed: true, flagged: false, now, submission.Value);
        }

        var work = new CaseWork(listed, Refresh(existing, listed, now, out var changed), context, evidence) { Changed = changed };
        if (changed)
        {
            await cases.SaveAsync(work.Case, cancellationToken);
        }

        while (CaseLifecycle.Next(work.Case, listed, clock.GetUtcNow(), submission.Value) is { } step)
        {
            try
            {
                work.Case = await steps.RunAsync(step, work, cancellationToken);
                work.Changed = true;
            }
            catch (Exception e) when (e is not DisputeGatewayUnavailableException && !cancellationToken.IsCancellationRequested)
            {
                // One bad dispute must not stop the sweep: the case records the step that failed
                // and the state it had reached, and the next attempt resumes there. An open circuit
                // is different: Stripe itself is down, so the sweep stops and says so. Once shutdown
                // has begun, whatever breaks is the shutdown, not the dispute: the case keeps its
                // last saved step.
                // The case as last saved keeps what the step did before it failed (a file uploaded, a submission's key).
                Log.CaseFailed(logger, listed.Id, e.GetType().Name, e.Message);
                var saved = await cases.GetAsync(listed.Id, cancellationToken) ?? work.Case;
                if (e is DisputeGatewayException { SavedUnderKey: true, IdempotencyKey: { } key })
                {
                    // Stripe replays a saved failure for every later request with the key: the retry must use a new one.
                    saved = saved.SpendKey(key, clock.GetUtcNow());
                }

                var failed = saved.Fail(step, $"{e.GetType().Name}: {e.Message}", clock.GetUtcNow());
                await cases.SaveAsync(failed, cancellationToken);
                return CaseOutcome.Of(failed, changed: true, flagged: work.Flagged, clock.GetUtcNow(), submission.Value);
            }
        }

        return CaseOutcome.Of(work.Case, work.Changed, work.Flagged, clock.GetUtcNow(), submission.Value);
    }

    /// <summary>
    /// The case with what Stripe says now: a settled case records a new status in its audit
    /// trail; an open one takes the status, deadline and submissions as they are.
    /// </summary>
    private static DisputeCase Refresh(DisputeCase? existing, Dispute listed, DateTimeOffset now, out bool changed)
    {
        if (existing is null)
        {
            changed = false;
            return Outcomes.Apply(DisputeCase.Discover(listed, now) with { SubmittedElsewhere = listed.SubmissionCount > 0 }, listed, now);
        }

        if (CaseLifecycle.Settled.Contains(existing.State))
        {
            var settled = existing.Status == listed.Status ? existing : (existing with { Status = listed.Status }).Record($"Stripe status is now {listed.Status}", now);
            settled = Outcomes.Apply(settled, listed, now);
            changed = !ReferenceEquals(settled, existing);
            return settled;
        }

        // An appeal's case counts submissions beyond DisputeKit's own first answer.
        var refreshed = existing with
        {
            Status = listed.Status,
            DueBy = listed.DueBy,
            SubmittedElsewhere = listed.SubmissionCount > (existing.Appeal?.SubmissionsBefore ?? 0),
            Compliance = ComplianceDisputes.Kind(listed) ?? existing.Compliance,
        };
        refreshed = Outcomes.Apply(refreshed, listed, now);
        changed = refreshed != existing;
        return refreshed;
    }
}

using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Economics;
using DisputeKit.Core.Submission;
using DisputeKit.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// One sweep: every dispute on the account, most urgent deadline first, is claimed and worked
/// through <see cref="CasePipeline"/> to a safe stop — skipped, set aside for a person, or
/// staged with <c>submit=false</c> — and the outcomes are summed up and written. Each step is
/// saved before the next, so a second sweep repeats nothing and a crashed one resumes where it
/// stopped.
/// </summary>
public sealed class SweepRunner(
    IDisputeGateway gateway,
    ICaseStore cases,
    CasePipeline pipeline,
    FlagUpkeep upkeep,
    Warnings.WarningDesk warnings,
    ISweepLog sweepLog,
    IScratchSpace scratch,
    Support.SupportSync support,
    IOptions<EconomicsOptions> economics,
    IOptions<SubmissionOptions> submission,
    IOptions<Configuration.DisputeKitOptions> options,
    DisputeKitMetrics metrics,
    TimeProvider clock,
    ILogger<SweepRunner> logger)
{
    /// <summary>
    /// Works the disputes of <paramref name="scope"/>, most urgent deadline first, several at once
    /// (<see cref="Configuration.DisputeKitOptions.SweepConcurrency"/>). Cancellation stops between
    /// two disputes (or inside one, at a step that is saved), never mid-write.
    /// </summary>
    public Task<SweepResult> RunAsync(SweepScope scope, CancellationToken cancellationToken) => RunAsync(scope, null, cancellationToken);

    /// <inheritdoc cref="RunAsync(SweepScope, CancellationToken)"/>
    /// <param name="progress">Told the number of disputes once listed, then after each one.</param>
    public async Task<SweepResult> RunAsync(SweepScope scope, IProgress<SweepProgress>? progress, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var (callsBefore, retriesBefore, loadsBefore) = (metrics.StripeCalls, metrics.StripeRetries, metrics.ChromiumLoads);

        // The support sources first, so every prior-contact finding of this sweep is as current as the mailbox.
        var supported = support.Any ? await SyncSupportAsync(cancellationToken) : null;

        // Spooled as Stripe pages through them (by creation), so they can be worked by deadline without being held.
        await using var disputes = await DisputeListing.SpoolAsync(gateway.ListDisputesAsync(cancellationToken), scratch.Create(), cancellationToken);
        Log.SweepStarted(logger, disputes.Count);
        var known = await KnownCases.ScanAsync(cases, economics.Value, charges: false, cancellationToken);
        var context = new SweepContext(disputes.ChargeIds, known.Rates);
        // The summary is added up and every outcome written as each dispute is done: nothing here grows with the sweep.
        var tally = new SweepTally(known.CasesByState);
        await using var record = await sweepLog.BeginAsync(scope, startedAt, cancellationToken);
        var done = 0;
        var gate = new Lock();
        progress?.Report(new SweepProgress(0, disputes.Count));

        // Several disputes at once, taken most urgent first; each case by one task, every step saved before the next.
        await Parallel.ForEachAsync(disputes.UrgentFirst(), new ParallelOptions { MaxDegreeOfParallelism = options.Value.SweepConcurrency, CancellationToken = cancellationToken }, async (dispute, ct) =>
        {
            var outcome = await WorkOneAsync(dispute, scope, context, ct);
            if (outcome is not null)
            {
                record.Add(outcome);
                tally.Add(outcome);
                if (outcome.Urgent)
                {
                    Log.CaseUrgent(logger, outcome.DisputeId, outcome.DueBy!.Value, outcome.State);
                }
            }

            lock (gate)
            {
                progress?.Report(new SweepProgress(++done, disputes.Count, dispute.Id, outcome?.State));
            }
        });
        // The disputes are worked: the pages, records and PDFs they went through are garbage, most of
        // the process's memory by now. Collected and given back once, so the upkeep and the
        // warnings after them start from the sweep's floor, not from its work.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        var flags = await UpkeepAsync(disputes, cancellationToken);
        var warned = await WarningsAsync(context, cancellationToken);
        var duration = clock.GetElapsedTime(started);
        var byState = tally.CasesByState();
        metrics.SweepFinished(scope, duration, byState);
        var result = tally.Result(scope, startedAt, clock.GetUtcNow()) with
        {
            Telemetry = new SweepTelemetry
            {
                DurationSeconds = Math.Round(duration.TotalSeconds, 3),
                StripeCalls = metrics.StripeCalls - callsBefore,
                StripeRetries = metrics.StripeRetries - retriesBefore,
                ChromiumLoads = metrics.ChromiumLoads - loadsBefore,
                CasesByState = byState,
            },
            Flags = flags,
            Warnings = warned,
            Support = supported,
            Unreadable = known.Unreadable,
        };
        await record.FinishAsync(result, cancellationToken);
        Log.SweepFinished(logger, result.Disputes, result.Changed);
        return result;
    }

    /// <summary>Claims the dispute's case and works it; null when the poll has nothing to do for it.</summary>
    private async Task<CaseOutcome?> WorkOneAsync(Dispute dispute, SweepScope scope, SweepContext context, CancellationToken cancellationToken)
    {
        try
        {
            // Exactly one process works a case at a time: another worker's sweep, or a person's
            // command, holds it now and takes it to its next saved step; this sweep moves on.
            await using var claim = await cases.TryClaimAsync(dispute.Id, cancellationToken);
            if (claim is null)
            {
                // Said in the summary, with the case as it was last stored; the other process reports what it does.
                Log.CaseClaimedElsewhere(logger, dispute.Id);
                var stored = await cases.GetAsync(dispute.Id, cancellationToken);
                return CaseOutcome.Of(stored ?? DisputeCase.Discover(dispute, clock.GetUtcNow()), changed: false, flagged: false, clock.GetUtcNow(), submission.Value) with
                {
                    ClaimedElsewhere = true,
                    Was = stored?.State,
                    Note = "Being worked by another process (a sweep, or a person's command) just now; left to it.",
                };
            }

            var existing = await cases.GetAsync(dispute.Id, cancellationToken);
            if (scope == SweepScope.New && existing is not null && CaseLifecycle.Settled.Contains(existing.State)
                && CaseLifecycle.Next(existing, dispute, clock.GetUtcNow(), submission.Value) is null)
            {
                // The poll looks for new and unfinished work, and settled cases with a step due (a submission, an
                // appeal, a compliance case to set aside); the nightly sweep revisits the rest.
                return null;
            }

            return await pipeline.WorkAsync(dispute, existing, context, cancellationToken) with { Was = existing?.State };
        }
        catch (InvalidDataException e)
        {
            // The stored case is unreadable: keep it untouched for a person, and go on with the sweep.
            Log.CaseFailed(logger, dispute.Id, e.GetType().Name, e.Message);
            var unreadable = DisputeCase.Discover(dispute, clock.GetUtcNow()) with { State = CaseState.Failed, Note = e.Message };
            return CaseOutcome.Of(unreadable, changed: false, flagged: false, clock.GetUtcNow(), submission.Value);
        }
    }

    /// <summary>
    /// Flags follow their disputes: withdrawn ones lift, a customer who writes in is noticed, stale
    /// proposals expire. A failure here (the shop's database down) is logged and tried again next
    /// sweep; the sweep's work stands.
    /// </summary>
    private async Task<FlagUpkeepResult?> UpkeepAsync(IListedDisputes disputes, CancellationToken cancellationToken)
    {
        try
        {
            return await upkeep.RunAsync(disputes, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.FlagUpkeepFailed(logger, e.GetType().Name, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Support sources brought up to date; a source that cannot be read is named in the result
    /// (and, while it stays out of date, no finding says a customer did not write in). A failure
    /// of the store itself is logged and named the same way; the sweep goes on.
    /// </summary>
    private async Task<Support.SupportSyncResult> SyncSupportAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await support.RunAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.SupportFailed(logger, e.GetType().Name, e.Message);
            return new Support.SupportSyncResult([new Support.SupportSourceSync("support store", 0, 0, [], $"{e.GetType().Name}: {e.Message}")]);
        }
    }

    /// <summary>
    /// Early fraud warnings, after the disputes (whose deadlines come first): each listed one
    /// decided, followed or refunded. A failure here (Stripe refusing the list) is logged and
    /// tried again next poll; the sweep's work stands.
    /// </summary>
    private async Task<Warnings.WarningSweep?> WarningsAsync(SweepContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await warnings.PollAsync(context, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.WarningsFailed(logger, e.GetType().Name, e.Message);
            return new Warnings.WarningSweep { Mode = warnings.Mode, Problem = $"{e.GetType().Name}: {e.Message}" };
        }
    }
}

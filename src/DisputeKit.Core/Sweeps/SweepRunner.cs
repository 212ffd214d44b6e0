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

        var disputes = new List<Dispute>();
        await foreach (var dispute in gateway.ListDisputesAsync(cancellationToken))
        {
            disputes.Add(dispute);
        }

        Log.SweepStarted(logger, disputes.Count);
        var known = await KnownCases.ScanAsync(cases, economics.Value, cancellationToken);
        var context = new SweepContext(disputes.Select(d => d.ChargeId).ToHashSet(StringComparer.Ordinal), known.Rates);
        var outcomes = new List<CaseOutcome>(disputes.Count);
        var done = 0;
        var gate = new Lock();
        progress?.Report(new SweepProgress(0, disputes.Count));

        // Several disputes at once, taken most urgent first; each case by one task, every step saved before the next.
        var urgentFirst = disputes.OrderBy(d => d.DueBy ?? DateTimeOffset.MaxValue).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(urgentFirst, new ParallelOptions { MaxDegreeOfParallelism = options.Value.SweepConcurrency, CancellationToken = cancellationToken }, async (dispute, ct) =>
        {
            var outcome = await WorkOneAsync(dispute, scope, context, ct);
            lock (gate)
            {
                if (outcome is not null)
                {
                    outcomes.Add(outcome);
                }

                progress?.Report(new SweepProgress(++done, disputes.Count, dispute.Id, outcome?.State));
            }
        });
        // The disputes are worked: the pages, records and PDFs they went through are garbage, most of
        // the process's memory by now. Collected and given back once, before the summary is made
        // and written, so the sweep's peak is its work, not its work and its summary on top.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var order = urgentFirst.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        outcomes.Sort((a, b) => order.GetValueOrDefault(a.DisputeId).CompareTo(order.GetValueOrDefault(b.DisputeId)));

        var flags = await UpkeepAsync(disputes, cancellationToken);
        var warned = await WarningsAsync(context, cancellationToken);
        var result = Summarize(scope, startedAt, clock.GetElapsedTime(started), known, outcomes, flags,
            metrics.StripeCalls - callsBefore, metrics.StripeRetries - retriesBefore, metrics.ChromiumLoads - loadsBefore) with { Warnings = warned };
        await sweepLog.WriteAsync(result, cancellationToken);
        foreach (var urgent in result.Outcomes.Where(o => o.Urgent))
        {
            Log.CaseUrgent(logger, urgent.DisputeId, urgent.DueBy!.Value, urgent.State);
        }

        Log.SweepFinished(logger, outcomes.Count, result.Changed);
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
                var stored = await cases.GetAsync(dispute.Id, cancellationToken) ?? DisputeCase.Discover(dispute, clock.GetUtcNow());
                return CaseOutcome.Of(stored, changed: false, flagged: false, clock.GetUtcNow(), submission.Value) with
                {
                    ClaimedElsewhere = true,
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

            return await pipeline.WorkAsync(dispute, existing, context, cancellationToken);
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
    private async Task<FlagUpkeepResult?> UpkeepAsync(IReadOnlyCollection<Dispute> disputes, CancellationToken cancellationToken)
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

    private SweepResult Summarize(
        SweepScope scope, DateTimeOffset startedAt, TimeSpan duration, KnownCases known, IReadOnlyList<CaseOutcome> outcomes,
        FlagUpkeepResult? flags, long stripeCalls, long stripeRetries, long chromiumLoads)
    {
        var states = new Dictionary<string, CaseState>(known.States, StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            states[outcome.DisputeId] = outcome.State;
        }

        var byState = states.Values.GroupBy(s => s).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        metrics.SweepFinished(scope, duration, byState);
        return new SweepResult
        {
            Scope = scope,
            StartedAt = startedAt,
            FinishedAt = clock.GetUtcNow(),
            Outcomes = outcomes,
            Telemetry = new SweepTelemetry
            {
                DurationSeconds = Math.Round(duration.TotalSeconds, 3),
                StripeCalls = stripeCalls,
                StripeRetries = stripeRetries,
                ChromiumLoads = chromiumLoads,
                CasesByState = byState,
            },
            Flags = flags,
            Unreadable = known.Unreadable,
        };
    }
}

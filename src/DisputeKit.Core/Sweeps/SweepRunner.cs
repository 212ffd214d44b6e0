using System.Security.Cryptography;
using System.Text;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Submission;
using DisputeKit.Core.Configuration;
using DisputeKit.Core.Economics;
using DisputeKit.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// One sweep: every dispute on the account is worked to a safe stop — skipped, set aside for
/// a person, or staged with <c>submit=false</c>. Each step is saved before the next, so a
/// second sweep repeats nothing and a crashed one resumes where it stopped.
/// </summary>
public sealed class SweepRunner(
    IDisputeGateway gateway,
    EvidenceGatherer gatherer,
    ICaseStore cases,
    FlagProposer flags,
    FlagUpkeep upkeep,
    IPackRenderer renderer,
    ISweepLog sweepLog,
    CaseActions actions,
    RefundPolicy policy,
    Branding branding,
    IOptions<DisputeKitOptions> options,
    IOptions<EconomicsOptions> economics,
    IOptions<SubmissionOptions> submission,
    DisputeKitMetrics metrics,
    TimeProvider clock,
    ILogger<SweepRunner> logger)
{
    private static readonly CaseState[] Settled = [CaseState.Staged, CaseState.Submitted, CaseState.Accepted, CaseState.SetAside, CaseState.Skipped];

    private readonly PackBudget _budget = new(renderer, options.Value.MaxPackPages, options.Value.MaxPackBytes);

    /// <summary>
    /// Works the disputes of <paramref name="scope"/>, most urgent deadline first. Cancellation
    /// stops between two disputes (or inside one, at a step that is saved), never mid-write.
    /// </summary>
    public Task<SweepResult> RunAsync(SweepScope scope, CancellationToken cancellationToken) => RunAsync(scope, null, cancellationToken);

    /// <inheritdoc cref="RunAsync(SweepScope, CancellationToken)"/>
    /// <param name="progress">Told the number of disputes once listed, then after each one.</param>
    public async Task<SweepResult> RunAsync(SweepScope scope, IProgress<SweepProgress>? progress, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var (callsBefore, retriesBefore) = (metrics.StripeCalls, metrics.StripeRetries);

        var disputes = new List<Dispute>();
        await foreach (var dispute in gateway.ListDisputesAsync(cancellationToken))
        {
            disputes.Add(dispute);
        }

        Log.SweepStarted(logger, disputes.Count);
        var known = await cases.ListAsync(cancellationToken);
        var rates = WinRates.From(known, economics.Value);
        var disputedCharges = disputes.Select(d => d.ChargeId).ToHashSet(StringComparer.Ordinal);
        var outcomes = new List<CaseOutcome>(disputes.Count);
        var done = 0;
        progress?.Report(new SweepProgress(0, disputes.Count));
        foreach (var dispute in disputes.OrderBy(d => d.DueBy ?? DateTimeOffset.MaxValue).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await WorkOneAsync(dispute, scope, disputedCharges, rates, cancellationToken);
            if (outcome is not null)
            {
                outcomes.Add(outcome);
            }

            progress?.Report(new SweepProgress(++done, disputes.Count, dispute.Id, outcome?.State));
        }

        // Flags follow their disputes: withdrawn ones lift, a customer who writes in is noticed, stale proposals expire.
        // A failure here (the shop's database down) is logged and tried again next sweep; the sweep's work stands.
        FlagUpkeepResult? flagUpkeep = null;
        try
        {
            flagUpkeep = await upkeep.RunAsync(disputes, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.FlagUpkeepFailed(logger, e.GetType().Name, e.Message);
        }

        var states = known.ToDictionary(c => c.DisputeId, c => c.State, StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            states[outcome.DisputeId] = outcome.State;
        }

        var byState = states.Values.GroupBy(s => s).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        var duration = clock.GetElapsedTime(started);
        metrics.SweepFinished(scope, duration, byState);
        var result = new SweepResult
        {
            Scope = scope,
            StartedAt = startedAt,
            FinishedAt = clock.GetUtcNow(),
            Outcomes = outcomes,
            Telemetry = new SweepTelemetry
            {
                DurationSeconds = Math.Round(duration.TotalSeconds, 3),
                StripeCalls = metrics.StripeCalls - callsBefore,
                StripeRetries = metrics.StripeRetries - retriesBefore,
                CasesByState = byState,
            },
            Flags = flagUpkeep,
        };
        await sweepLog.WriteAsync(result, cancellationToken);
        foreach (var urgent in result.Outcomes.Where(o => o.Urgent))
        {
            Log.CaseUrgent(logger, urgent.DisputeId, urgent.DueBy!.Value, urgent.State);
        }

        Log.SweepFinished(logger, outcomes.Count, result.Changed);
        return result;
    }

    /// <summary>
    /// Renders the pack for one dispute from the records as they are now, exactly as the sweep
    /// would, without changing the case or sending anything.
    /// </summary>
    public Task<RenderedPack> RenderPackAsync(string disputeId, CancellationToken cancellationToken) =>
        RenderPackAsync(disputeId, PackDocument.Pack, cancellationToken);

    /// <summary>
    /// Renders one document for a dispute (the pack, or the transcript or policy sent beside it)
    /// from the records as they are now, within the whole budget, without changing the case or
    /// sending anything.
    /// </summary>
    public async Task<RenderedPack> RenderPackAsync(string disputeId, PackDocument document, CancellationToken cancellationToken)
    {
        var dispute = await gateway.GetDisputeAsync(disputeId, cancellationToken);
        var disputedCharges = new HashSet<string>(StringComparer.Ordinal) { dispute.ChargeId };
        await foreach (var other in gateway.ListDisputesAsync(cancellationToken))
        {
            disputedCharges.Add(other.ChargeId);
        }

        var charge = dispute.Charge ?? await gateway.GetChargeAsync(dispute.ChargeId, cancellationToken);
        var bundle = await gatherer.GatherAsync(dispute, charge, disputedCharges, cancellationToken);
        var verdict = PolicyEngine.Evaluate(bundle, policy);
        var now = clock.GetUtcNow();
        return await _budget.RenderAsync(trim => PackModelBuilder.Build(bundle, verdict, policy, branding, now, trim), document, PackBudget.Spent.None, cancellationToken);
    }

    private async Task<CaseOutcome?> WorkOneAsync(
        Dispute dispute, SweepScope scope, IReadOnlySet<string> disputedCharges, WinRates rates, CancellationToken cancellationToken)
    {
        try
        {
            // Exactly one process works a case at a time: another worker's sweep, or a person's
            // command, holds it now and takes it to its next saved step; this sweep moves on.
            await using var claim = await cases.TryClaimAsync(dispute.Id, cancellationToken);
            if (claim is null)
            {
                Log.CaseClaimedElsewhere(logger, dispute.Id);
                return null;
            }

            var existing = await cases.GetAsync(dispute.Id, cancellationToken);
            if (scope == SweepScope.New && existing is not null && Settled.Contains(existing.State)
                && !SubmissionPolicy.Decide(existing, clock.GetUtcNow(), submission.Value).Submit)
            {
                // The poll looks for new and unfinished work, and submissions that are due; the nightly sweep revisits the rest.
                return null;
            }

            return await WorkAsync(dispute, existing, disputedCharges, rates, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            // The stored case is unreadable: keep it untouched for a person, and go on with the sweep.
            Log.CaseFailed(logger, dispute.Id, e.GetType().Name, e.Message);
            return Outcome(DisputeCase.Discover(dispute, clock.GetUtcNow()) with { State = CaseState.Failed, Note = e.Message }, changed: false, flagged: false);
        }
        catch (Exception e) when (e is not DisputeGatewayUnavailableException && !cancellationToken.IsCancellationRequested)
        {
            // One bad dispute must not stop the sweep: record it as failed and go on. An open
            // circuit is different: Stripe itself is down, so the sweep stops and says so. Once
            // shutdown has begun, whatever breaks (the browser closing first, a request cut off)
            // is the shutdown, not the dispute: the case keeps its last saved step.
            Log.CaseFailed(logger, dispute.Id, e.GetType().Name, e.Message);
            var current = await cases.GetAsync(dispute.Id, cancellationToken) ?? DisputeCase.Discover(dispute, clock.GetUtcNow());
            var failed = current.MoveTo(CaseState.Failed, "error", clock.GetUtcNow(), $"{e.GetType().Name}: {e.Message}")
                with { Attempts = current.Attempts + 1 };
            await cases.SaveAsync(failed, cancellationToken);
            return Outcome(failed, changed: true, flagged: false);
        }
    }

    private async Task<CaseOutcome> WorkAsync(
        Dispute dispute, DisputeCase? existing, IReadOnlySet<string> disputedCharges, WinRates rates, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (existing is not null && CaseActions.Reconcile(existing, dispute, now) is { } reconciled)
        {
            await cases.SaveAsync(reconciled, cancellationToken);
            return Outcome(reconciled, changed: true, flagged: false);
        }

        if (existing is not null && Settled.Contains(existing.State))
        {
            var changed = existing.Status != dispute.Status;
            if (changed)
            {
                existing = (existing with { Status = dispute.Status }).Record($"Stripe status is now {dispute.Status}", now);
                await cases.SaveAsync(existing, cancellationToken);
            }

            return existing.State == CaseState.Staged
                ? await FinishStagedAsync(existing, dispute, changed, flagged: false, cancellationToken)
                : Outcome(existing, changed, flagged: false);
        }

        var @case = existing ?? DisputeCase.Discover(dispute, now);
        @case = @case with { Status = dispute.Status, DueBy = dispute.DueBy, SubmittedElsewhere = dispute.SubmissionCount > 0 };

        if (SubmissionPolicy.NoResponseReason(dispute, now) is { } skip)
        {
            @case = @case.MoveTo(CaseState.Skipped, "no response possible", now, skip);
            await cases.SaveAsync(@case, cancellationToken);
            Log.CaseSkipped(logger, dispute.Id, skip);
            return Outcome(@case, changed: true, flagged: false);
        }

        var charge = dispute.Charge ?? await gateway.GetChargeAsync(dispute.ChargeId, cancellationToken);
        var bundle = await gatherer.GatherAsync(dispute, charge, disputedCharges, cancellationToken);
        var verdict = PolicyEngine.Evaluate(bundle, policy);
        var flag = PolicyEngine.DecideFlag(bundle, verdict, policy);
        var value = ExpectedValue.Estimate(bundle, verdict, rates, economics.Value);

        @case = @case with
        {
            OrderId = bundle.Order?.Id ?? bundle.Match.Subscription?.Id,
            CustomerId = bundle.Match.CustomerId,
            PriorContact = new CasePriorContact
            {
                ContactedAboutPurchase = bundle.PriorContact.ContactedAboutPurchase,
                ContactedAtAll = bundle.PriorContact.ContactedAtAll,
                LastContactAt = bundle.PriorContact.LastContactAt,
                Statement = bundle.PriorContact.Statement,
                MessageIds = [.. bundle.PriorContact.Proof.Select(m => m.Id)],
            },
            Economics = value,
            Verdict = new CaseVerdict
            {
                Kind = verdict.Kind.ToString().ToLowerInvariant(),
                AmountOwed = verdict.AmountOwed,
                Summary = verdict.Summary,
                Facts = verdict.Facts,
                Rules = [.. verdict.Rules.Select(r => $"{r.Section}: {r.Text}")],
            },
        };
        if (@case.State < CaseState.Decided)
        {
            @case = @case.MoveTo(CaseState.Gathered, "records gathered", now).MoveTo(CaseState.Decided, $"verdict {verdict.Kind}", now);
        }

        await cases.SaveAsync(@case, cancellationToken);

        var flagged = bundle.Match.CustomerId is { } customerId
            && await flags.ProposeAsync(customerId, dispute, flag, cancellationToken);

        if (verdict.Kind != VerdictKind.Fight)
        {
            var note = verdict.Kind switch
            {
                VerdictKind.Accept => $"The policy owes a full refund: accept the dispute. {verdict.Summary}",
                VerdictKind.Partial => $"The policy owes part of the amount: a person decides between refunding the owed part and accepting. {verdict.Summary}",
                _ => verdict.Summary,
            };
            @case = @case.MoveTo(CaseState.SetAside, $"verdict {verdict.Kind}", now, note);
            await cases.SaveAsync(@case, cancellationToken);
            return Outcome(@case, changed: true, flagged || flag.Flag);
        }

        if (dispute.HasEvidence && (existing is null || existing.State < CaseState.Uploaded))
        {
            @case = @case.MoveTo(CaseState.SetAside, "evidence found on Stripe", now,
                "Stripe already holds staged evidence that DisputeKit did not send; a person decides which to keep.");
            await cases.SaveAsync(@case, cancellationToken);
            return Outcome(@case, changed: true, flagged || flag.Flag);
        }

        var pdf = @case.State >= CaseState.Rendered ? await cases.ReadPackAsync(dispute.Id, cancellationToken) : null;
        if (pdf is null)
        {
            var pack = await _budget.RenderAsync(trim => PackModelBuilder.Build(bundle, verdict, policy, branding, now, trim), cancellationToken);
            pdf = pack.Pdf;
            var path = await cases.SavePackAsync(dispute.Id, pdf, cancellationToken);
            var rendered = $"pack rendered ({pack.Pages} pages, {pdf.Length:N0} bytes"
                + (pack.Trim.Level > 0 ? $", long histories shortened at level {pack.Trim.Level} to fit the budget)" : ")");
            @case = (@case with { PackPath = path, PackSha256 = Sha256(pdf) }).MoveTo(CaseState.Rendered, rendered, now);
            await cases.SaveAsync(@case, cancellationToken);
        }

        if (_budget.OverBudget(pdf) is { } over)
        {
            @case = @case.MoveTo(CaseState.SetAside, "pack over budget", now, over);
            await cases.SaveAsync(@case, cancellationToken);
            return Outcome(@case, changed: true, flagged || flag.Flag);
        }

        if (@case.PackFileId is null)
        {
            var fileId = await gateway.UploadEvidenceFileAsync(
                $"{dispute.Id}-evidence.pdf", pdf, "application/pdf", $"dk-{dispute.Id}-pack-{Sha256(pdf)[..32]}", cancellationToken);
            @case = @case with { PackFileId = fileId };
            await cases.SaveAsync(@case, cancellationToken);
        }

        if (@case.State < CaseState.Uploaded)
        {
            @case = await UploadBesidePackAsync(@case, bundle, verdict, pdf, now, cancellationToken);
            @case = @case.MoveTo(CaseState.Uploaded, "pack uploaded to Stripe", now);
            await cases.SaveAsync(@case, cancellationToken);
        }

        var evidence = EvidenceComposer.Compose(bundle, verdict, policy, @case.EvidenceFiles());
        var key = $"dk-{dispute.Id}-stage-{Sha256(Canonical(evidence))[..32]}";
        await gateway.UpdateEvidenceAsync(dispute.Id, evidence, submit: false, key, cancellationToken);
        @case = (@case with { StageIdempotencyKey = key, StagedAt = now })
            .MoveTo(CaseState.Staged, "evidence staged on Stripe (submit=false)", now);
        await cases.SaveAsync(@case, cancellationToken);
        Log.CaseStaged(logger, dispute.Id);
        return await FinishStagedAsync(@case, dispute, changed: true, flagged || flag.Flag, cancellationToken);
    }

    /// <summary>
    /// The communication transcript (as <c>customer_communication</c>) and the refund policy (as
    /// <c>refund_policy</c>) as files of their own, each only while everything sent for the
    /// dispute stays within the page and size budget; the pack carries both either way. Each
    /// upload or reason for leaving one out goes in the audit trail.
    /// </summary>
    private async Task<DisputeCase> UploadBesidePackAsync(
        DisputeCase @case, EvidenceBundle bundle, Verdict verdict, byte[] pack, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Made as of the pack, so a retried step renders the same documents under the same keys.
        var madeAt = @case.Audit.LastOrDefault(a => a.To == CaseState.Rendered)?.At ?? now;
        var packPages = PdfFile.PageCount(pack);
        foreach (var document in new[] { PackDocument.Transcript, PackDocument.Policy })
        {
            var field = document.EvidenceField();
            if (@case.Files.Any(f => f.Field == field))
            {
                continue;
            }

            if (document == PackDocument.Transcript && bundle.Communication.Count == 0)
            {
                @case = @case.Record($"{document.Describe()} not sent as {field}: no messages were exchanged with the customer (the pack says so)", now);
                continue;
            }

            var spent = new PackBudget.Spent(packPages + @case.Files.Sum(f => f.Pages), pack.Length + @case.Files.Sum(f => f.Bytes));
            var rendered = await _budget.RenderAsync(trim => PackModelBuilder.Build(bundle, verdict, policy, branding, madeAt, trim), document, spent, cancellationToken);
            if (rendered.OverBudget is { } over)
            {
                @case = @case.Record($"{document.Describe()} not sent as {field}: {over} The pack carries it.", now);
                continue;
            }

            var fileId = await gateway.UploadEvidenceFileAsync(
                $"{@case.DisputeId}-{document.ToString().ToLowerInvariant()}.pdf", rendered.Pdf, "application/pdf",
                $"dk-{@case.DisputeId}-{document.ToString().ToLowerInvariant()}-{Sha256(rendered.Pdf)[..32]}", cancellationToken);
            @case = (@case with { Files = [.. @case.Files, new CaseFile(field, fileId, rendered.Pages, rendered.Pdf.Length)] })
                .Record($"{document.Describe()} uploaded to Stripe as {field} ({(rendered.Pages == 1 ? "1 page" : $"{rendered.Pages} pages")}, {rendered.Pdf.Length:N0} bytes"
                    + (rendered.Trim.Level > 0 ? $", long histories shortened at level {rendered.Trim.Level})" : ")"), now);
            await cases.SaveAsync(@case, cancellationToken);
        }

        return @case;
    }

    /// <summary>A staged case: submitted when the submission policy says so, closed out when it can no longer be.</summary>
    private async Task<CaseOutcome> FinishStagedAsync(DisputeCase staged, Dispute dispute, bool changed, bool flagged, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (SubmissionPolicy.NoResponseReason(dispute, now) is { } why)
        {
            var closed = CaseActions.CloseOutStaged(staged, dispute, why, now);
            await cases.SaveAsync(closed, cancellationToken);
            return Outcome(closed, changed: true, flagged);
        }

        var decision = SubmissionPolicy.Decide(staged, now, submission.Value);
        if (!decision.Submit)
        {
            return Outcome(staged, changed, flagged);
        }

        var result = await actions.SubmitAsync(staged, decision.Reason, dispute, cancellationToken);
        if (result.Done)
        {
            Log.CaseSubmitted(logger, dispute.Id, decision.Reason);
        }

        return Outcome(result.Case!, changed: true, flagged);
    }

    private CaseOutcome Outcome(DisputeCase c, bool changed, bool flagged) => new()
    {
        DisputeId = c.DisputeId,
        Reason = c.Reason,
        Amount = c.Amount,
        Currency = c.Currency,
        DueBy = c.DueBy,
        State = c.State,
        Verdict = c.Verdict?.Kind,
        WinChance = c.Economics?.WinChance,
        ExpectedGain = c.Economics?.ExpectedGain,
        OrderId = c.OrderId,
        Flagged = flagged,
        Changed = changed,
        OnHold = c.OnHold,
        Urgent = SubmissionPolicy.IsUrgent(c, clock.GetUtcNow(), submission.Value),
        Note = c.Note,
    };

    private static string Canonical(EvidenceUpdate evidence) =>
        string.Join('\n', evidence.Fields.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
        + "\n--\n"
        + string.Join('\n', evidence.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    private static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));
}

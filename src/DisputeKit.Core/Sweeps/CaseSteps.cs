using System.Security.Cryptography;
using System.Text;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Economics;
using DisputeKit.Core.Formatting;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Submission;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// One method per step of the lifecycle (<see cref="CaseLifecycle"/>): each takes the case and
/// what that step needs, makes its one transition, saves the case, and returns it. A step saves
/// its progress on the way (a file uploaded, a submission begun) without changing the state, and
/// the transition last, so a step that fails midway leaves the case in the state it started
/// from, with everything it already did recorded. Every request
/// to Stripe carries a key made from what it sends, so a step run again after a failure or a
/// crash sends the same request and Stripe does it once.
/// </summary>
public sealed class CaseSteps(
    IDisputeGateway gateway,
    ICaseStore cases,
    FlagProposer flags,
    PackBudget budget,
    CaseActions actions,
    IOptions<EconomicsOptions> economics,
    IOptions<SubmissionOptions> submission,
    TimeProvider clock,
    ILogger<CaseSteps> logger)
{
    /// <summary>Runs <paramref name="step"/> on the work's case, with the inputs that step takes.</summary>
    public async Task<DisputeCase> RunAsync(CaseStep step, CaseWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var c = work.Case;
        return step switch
        {
            CaseStep.Retry => await SaveAsync(c.Retry(clock.GetUtcNow()), cancellationToken),
            CaseStep.Skip => await SkipAsync(c, work, cancellationToken),
            CaseStep.Gather => await GatherAsync(c, await work.EvidenceAsync(cancellationToken), cancellationToken),
            CaseStep.Decide => await DecideAsync(c, work, cancellationToken),
            CaseStep.SetAside => await SetAsideAsync(c, work.Listed, cancellationToken),
            CaseStep.Render => await RenderAsync(c, await work.EvidenceAsync(cancellationToken), cancellationToken),
            CaseStep.UploadPack => await UploadPackAsync(c, work, cancellationToken),
            CaseStep.UploadDocuments => await UploadDocumentsAsync(c, work, cancellationToken),
            CaseStep.Stage => await StageAsync(c, await work.EvidenceAsync(cancellationToken), cancellationToken),
            CaseStep.Submit => await SubmitAsync(c, cancellationToken),
            CaseStep.Appeal => await ReopenForAppealAsync(c, work.Listed, cancellationToken),
            _ => throw new InvalidOperationException($"Dispute {c.DisputeId}: the sweep does not run the {step} step."),
        };
    }

    private async Task<DisputeCase> SkipAsync(DisputeCase c, CaseWork work, CancellationToken cancellationToken)
    {
        var listed = work.Listed;
        var why = SubmissionPolicy.NoResponseReason(listed, clock.GetUtcNow())!;
        if (c.Verdict is null && c.State is CaseState.Discovered or CaseState.Failed)
        {
            // A dispute DisputeKit never had the chance to answer (closed, past due, answered elsewhere
            // before it came) still counts in what fighting earns: its order, prior contact and the
            // policy's verdict are recorded for the outcomes report. Nothing is sent and no account
            // is flagged for it.
            var evidence = await work.EvidenceAsync(cancellationToken);
            c = c.WithFacts(evidence.Bundle)
                .WithVerdict(evidence.Verdict, ExpectedValue.Estimate(evidence.Bundle, evidence.Verdict, work.Context.Rates, economics.Value))
                .Record($"recorded for the outcomes report: the order, prior contact and the policy's verdict ({evidence.Verdict.Kind}); nothing sent, no flag", clock.GetUtcNow());
        }

        var skipped = c.State == CaseState.Staged
            ? CaseActions.CloseOutStaged(c, listed, why, clock.GetUtcNow())
            : c.MoveTo(CaseState.Skipped, "no response possible", clock.GetUtcNow(), why);
        Log.CaseSkipped(logger, c.DisputeId, why);
        return await SaveAsync(skipped, cancellationToken);
    }

    private Task<DisputeCase> GatherAsync(DisputeCase c, CaseEvidence evidence, CancellationToken cancellationToken) =>
        SaveAsync(c.WithFacts(evidence.Bundle).MoveTo(CaseState.Gathered, "records gathered", clock.GetUtcNow()), cancellationToken);

    private async Task<DisputeCase> DecideAsync(DisputeCase c, CaseWork work, CancellationToken cancellationToken)
    {
        var evidence = await work.EvidenceAsync(cancellationToken);
        var value = ExpectedValue.Estimate(evidence.Bundle, evidence.Verdict, work.Context.Rates, economics.Value);
        // The flag first, then the decision: a failure in between decides again, and proposing again changes nothing.
        var proposed = c.CustomerId is { } customerId && await flags.ProposeAsync(customerId, work.Listed, evidence.Flag, cancellationToken);
        work.Flagged = proposed || evidence.Flag.Flag;
        return await SaveAsync(
            c.WithVerdict(evidence.Verdict, value).MoveTo(CaseState.Decided, $"verdict {evidence.Verdict.Kind}", clock.GetUtcNow()), cancellationToken);
    }

    private Task<DisputeCase> SetAsideAsync(DisputeCase c, Dispute listed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var set = c.Verdict?.Kind switch
        {
            _ when c.State == CaseState.Staged && c.Compliance is { } kind => c.MoveTo(CaseState.SetAside, "compliance dispute: its fee is a person's decision", now,
                ComplianceDisputes.SetAsideNote(c.DisputeId, kind)),
            _ when c.PriorContact?.UnreadSources is { Count: > 0 } unread => c.MoveTo(CaseState.SetAside, "prior contact unknown", now,
                $"Whether the customer contacted support first cannot be known: {string.Join(", ", unread)} was not read. A person checks the support history before anything is sent or any account is flagged."),
            "fight" when listed.HasEvidence => c.MoveTo(CaseState.SetAside, "evidence found on Stripe", now,
                "Stripe already holds staged evidence that DisputeKit did not send; a person decides which to keep."),
            "accept" => c.MoveTo(CaseState.SetAside, "verdict Accept", now, $"The policy owes a full refund: accept the dispute. {c.Verdict.Summary}"),
            "partial" => c.MoveTo(CaseState.SetAside, "verdict Partial", now,
                $"The policy owes part of the amount: a person decides between refunding the owed part and accepting. {c.Verdict.Summary}"),
            _ => c.MoveTo(CaseState.SetAside, "verdict Review", now, c.Verdict?.Summary),
        };
        return SaveAsync(set, cancellationToken);
    }

    private async Task<DisputeCase> RenderAsync(DisputeCase c, CaseEvidence evidence, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pack = await RenderPackAsync(c, evidence, now, cancellationToken);
        var path = await cases.SavePackAsync(c.DisputeId, pack.Pdf, cancellationToken);
        c = c with { PackPath = path, PackSha256 = Sha256(pack.Pdf), PackPages = pack.Pages, PackTrimLevel = pack.Trim.Level };
        if (pack.OverBudget is { } over)
        {
            return await SaveAsync(c.MoveTo(CaseState.SetAside, "pack over budget", now, over), cancellationToken);
        }

        var rendered = $"pack rendered ({Pages(pack.Pages)}, {pack.Pdf.Length:N0} bytes"
            + (pack.Trim.Level > 0 ? $", long histories shortened at level {pack.Trim.Level} to fit the budget)" : ")");
        return await SaveAsync(c.MoveTo(CaseState.Rendered, rendered, now), cancellationToken);
    }

    private async Task<DisputeCase> UploadPackAsync(DisputeCase c, CaseWork work, CancellationToken cancellationToken)
    {
        // A case file from before this step was its own state may have the pack on Stripe already.
        if (c.PackFileId is null)
        {
            (c, var pdf) = await PackAsync(c, work, cancellationToken);
            (c, var key) = await KeyAsync(c, "pack", $"dk-{c.DisputeId}-pack-{Sha256(pdf)[..32]}", cancellationToken);
            var fileId = await gateway.UploadEvidenceFileAsync($"{c.DisputeId}-evidence.pdf", pdf, "application/pdf", key, cancellationToken);
            c = c with { PackFileId = fileId };
        }

        return await SaveAsync(c.MoveTo(CaseState.PackUploaded, "pack uploaded to Stripe", clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// The communication transcript (as <c>customer_communication</c>) and the refund policy (as
    /// <c>refund_policy</c>) as files of their own, each only while everything sent for the
    /// dispute stays within the page and size budget; the pack carries both either way. Each
    /// upload, or why a document was left out, goes in the audit trail, and each is saved before
    /// the next, so a retry uploads only what is missing.
    /// </summary>
    private async Task<DisputeCase> UploadDocumentsAsync(DisputeCase c, CaseWork work, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var evidence = await work.EvidenceAsync(cancellationToken);
        var madeAt = RenderedAt(c) ?? now;
        (c, var pack) = await PackAsync(c, work, cancellationToken);
        var (packPages, packBytes) = (c.PackPages ?? budget.PageCount(pack), pack.Length);
        foreach (var document in new[] { PackDocument.Transcript, PackDocument.Policy })
        {
            var field = document.EvidenceField();
            if (c.Files.Any(f => f.Field == field) || c.Audit.Any(a => a.At >= madeAt && a.Cause.StartsWith($"{document.Describe()} not sent", StringComparison.Ordinal)))
            {
                continue;
            }

            if (document == PackDocument.Transcript && evidence.Bundle.Communication.Count == 0)
            {
                c = c.Record($"{document.Describe()} not sent as {field}: no messages were exchanged with the customer (the pack says so)", now);
                continue;
            }

            var spent = new PackBudget.Spent(packPages + c.Files.Sum(f => f.Pages), packBytes + c.Files.Sum(f => f.Bytes));
            var rendered = await budget.RenderAsync(trim => evidence.Model(trim, madeAt), document, spent, c.Shortened ?? PackBudget.Tighter.None, cancellationToken);
            if (rendered.OverBudget is { } over)
            {
                c = c.Record($"{document.Describe()} not sent as {field}: {over} The pack carries it.", now);
                continue;
            }

            var name = document.ToString().ToLowerInvariant();
            (c, var key) = await KeyAsync(c, name, $"dk-{c.DisputeId}-{name}-{Sha256(rendered.Pdf)[..32]}", cancellationToken);
            var fileId = await gateway.UploadEvidenceFileAsync($"{c.DisputeId}-{name}.pdf", rendered.Pdf, "application/pdf", key, cancellationToken);
            c = await SaveAsync((c with { Files = [.. c.Files, new CaseFile(field, fileId, rendered.Pages, rendered.Pdf.Length)] })
                .Record($"{document.Describe()} uploaded to Stripe as {field} ({Pages(rendered.Pages)}, {rendered.Pdf.Length:N0} bytes"
                    + (rendered.Trim.Level > 0 ? $", long histories shortened at level {rendered.Trim.Level})" : ")"), now), cancellationToken);
        }

        return await SaveAsync(c.MoveTo(CaseState.Uploaded, "documents beside the pack uploaded", now), cancellationToken);
    }

    /// <summary>
    /// Stages the evidence with <c>submit=false</c> — for an appeal, its reason and the files
    /// already sent. Stripe refuses evidence over the network's page limit even when only staged:
    /// the case is then rendered again one trim level shorter, once, and set aside for a person
    /// if that is refused too.
    /// </summary>
    private async Task<DisputeCase> StageAsync(DisputeCase c, CaseEvidence evidence, CancellationToken cancellationToken)
    {
        var files = c.EvidenceFiles();
        var update = c.Appeal is null
            ? evidence.Compose(files) with { IntendedSubmissionMethod = submission.Value.StripeMethod }
            : new EvidenceUpdate
            {
                Fields = new Dictionary<string, string>(),
                Appeal = new AppealEvidence(AppealText.ReasonForFiling(c, evidence.Letter, files.Count), [.. files.Values]),
                IntendedSubmissionMethod = submission.Value.StripeMethod,
            };
        var purpose = c.Appeal is null ? "stage" : "appeal-stage";
        var baseKey = $"dk-{c.DisputeId}-{purpose}-{Sha256(Canonical(update))[..32]}";
        var stagedNote = update.Appeal is null ? "evidence staged on Stripe (submit=false)" : "appeal staged on Stripe (submit=false)";
        if (update.Appeal is null && c.Keys.GetValueOrDefault(purpose) is { Spent: true } spent && spent.Base == baseKey
            && StagedEvidenceCheck.Difference(c with { StagedEvidence = StagedEvidenceCheck.Digest(update.Fields) }, (await gateway.GetDisputeAsync(c.DisputeId, cancellationToken)).Evidence) is null)
        {
            // Stripe answered the last staging with a 5xx after applying it: the dispute holds exactly
            // this evidence, so it is staged, and nothing is sent again under a new key.
            return await StagedAsync(c, update, spent.Key, stagedNote + ", found on Stripe after its answer was a failure", cancellationToken);
        }

        (c, var key) = await KeyAsync(c, purpose, baseKey, cancellationToken);
        try
        {
            await gateway.UpdateEvidenceAsync(c.DisputeId, update, submit: false, key, cancellationToken);
        }
        catch (DisputeGatewayException e) when (e.PageLimitExceeded)
        {
            return await ShortenAsync(c, e, cancellationToken);
        }

        return await StagedAsync(c, update, key, stagedNote, cancellationToken);
    }

    /// <summary>The case staged with <paramref name="update"/> under <paramref name="key"/>, saved.</summary>
    private async Task<DisputeCase> StagedAsync(DisputeCase c, EvidenceUpdate update, string key, string note, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (update.ControlsRemoved.Count > 0)
        {
            c = c.Record($"control characters removed from {string.Join(", ", update.ControlsRemoved)} before staging (they are in the seller's records)", now);
        }

        if (update.Appeal is { } appeal)
        {
            c = c with { Appeal = c.Appeal! with { SupportingFiles = appeal.SupportingFiles, ReasonLength = appeal.ReasonForFiling.Length } };
        }

        var staged = await SaveAsync((c with { StageIdempotencyKey = key, StagedAt = now, StagedEvidence = StagedEvidenceCheck.Digest(update.Appeal?.Fields() ?? update.Fields) })
            .MoveTo(CaseState.Staged, note, now), cancellationToken);
        Log.CaseStaged(logger, c.DisputeId);
        return staged;
    }

    private async Task<DisputeCase> ShortenAsync(DisputeCase c, DisputeGatewayException refusal, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pages = (c.PackPages ?? 0) + c.Files.Sum(f => f.Pages);
        if (c.Shortened is null && pages > 1)
        {
            // Once: one trim level shorter, and fewer pages in all than Stripe refused.
            var level = Math.Min((c.PackTrimLevel ?? 0) + 1, PackTrim.Levels[^1].Level);
            Log.CaseShortened(logger, c.DisputeId, pages, level);
            return await SaveAsync((c with { Shortened = new PackBudget.Tighter(level, pages - 1), PackFileId = null, Files = [] }).MoveTo(CaseState.Decided,
                $"Stripe refused the evidence as over the card network's page limit ({Pages(pages)} sent); rendered again shortened to level {level} and within {Pages(pages - 1)} in all", now), cancellationToken);
        }

        var why = c.Shortened is null ? "already as short as DisputeKit makes it" : "after shortening it once";
        return await SaveAsync(c.MoveTo(CaseState.SetAside, "evidence over the network's page limit", now,
            $"Stripe refused the evidence as over the card network's page limit ({Pages(pages)}, {why}): {refusal.Message} "
            + $"Nothing was staged. A person shortens the evidence or answers in the Stripe Dashboard before {Formats.Minute(c.DueBy)} UTC."), cancellationToken);
    }

    /// <summary>
    /// A case DisputeKit answered, lost, and now appealable: reopened with the appeal's deadline,
    /// its files already on Stripe, so the next step stages the appeal like any answer.
    /// </summary>
    private Task<DisputeCase> ReopenForAppealAsync(DisputeCase c, Dispute listed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var appeal = new CaseAppeal
        {
            OpenedAt = now,
            DueBy = listed.DueBy,
            SubmissionsBefore = listed.SubmissionCount,
            FirstSubmitKey = c.SubmitIdempotencyKey,
            FirstSubmittedAt = c.SubmittedAt,
            SupportingFiles = [.. c.EvidenceFiles().Values],
        };
        var reopened = c with
        {
            Appeal = appeal,
            Status = listed.Status,
            DueBy = listed.DueBy,
            SubmitIdempotencyKey = null,
            SubmittedAt = null,
            StagedEvidence = null,
            StagedAt = null,
        };
        return SaveAsync(reopened.MoveTo(CaseState.Uploaded,
            $"the dispute was lost and Stripe allows an appeal until {Formats.Minute(listed.DueBy)} UTC: reopened to appeal with the {appeal.SupportingFiles.Count} documents already sent", now), cancellationToken);
    }

    private async Task<DisputeCase> SubmitAsync(DisputeCase c, CancellationToken cancellationToken)
    {
        // Sending to the bank cannot be undone: the dispute is read again first, so the check that
        // Stripe holds what was staged sees it as it is now, not as it was listed before staging.
        var decision = SubmissionPolicy.Decide(c, clock.GetUtcNow(), submission.Value);
        var result = await actions.SubmitAsync(c, decision.Reason, current: null, acknowledgeFee: false, cancellationToken);
        if (result.Done)
        {
            Log.CaseSubmitted(logger, c.DisputeId, decision.Reason);
        }

        return result.Case!;
    }

    /// <summary>
    /// The pack as kept. One that went missing since it was rendered is printed again from the
    /// same model as of the same time (the same pages), kept, and the audit trail says so.
    /// </summary>
    private async Task<(DisputeCase Case, byte[] Pdf)> PackAsync(DisputeCase c, CaseWork work, CancellationToken cancellationToken)
    {
        if (await cases.ReadPackAsync(c.DisputeId, cancellationToken) is { } kept)
        {
            return (c, kept);
        }

        var evidence = await work.EvidenceAsync(cancellationToken);
        var at = RenderedAt(c) ?? clock.GetUtcNow();
        var pack = await RenderPackAsync(c, evidence, at, cancellationToken);
        var path = await cases.SavePackAsync(c.DisputeId, pack.Pdf, cancellationToken);
        c = (c with { PackPath = path, PackSha256 = Sha256(pack.Pdf), PackPages = pack.Pages })
            .Record($"the kept pack was missing; rendered again as of {Formats.Stamp(at)} ({Pages(pack.Pages)}, {pack.Pdf.Length:N0} bytes)", clock.GetUtcNow());
        return (await SaveAsync(c, cancellationToken), pack.Pdf);
    }

    /// <summary>The pack as of <paramref name="at"/>, within the budget and any tighter limit Stripe's page-limit refusal taught the case.</summary>
    private Task<RenderedPack> RenderPackAsync(DisputeCase c, CaseEvidence evidence, DateTimeOffset at, CancellationToken cancellationToken) =>
        budget.RenderAsync(trim => evidence.Model(trim, at), PackDocument.Pack, PackBudget.Spent.None, c.Shortened ?? PackBudget.Tighter.None, cancellationToken);

    /// <summary>When the pack was rendered: the documents beside it are made as of then, so a retried step renders the same bytes under the same keys.</summary>
    private static DateTimeOffset? RenderedAt(DisputeCase c) => c.Audit.LastOrDefault(a => a.To == CaseState.Rendered && a.From == CaseState.Decided)?.At;

    /// <summary>The key for a request (<see cref="DisputeCase.KeyFor"/>), recorded on the case before the request is sent.</summary>
    private async Task<(DisputeCase Case, string Key)> KeyAsync(DisputeCase c, string purpose, string baseKey, CancellationToken cancellationToken)
    {
        var (keyed, key) = c.KeyFor(purpose, baseKey, clock.GetUtcNow());
        return (ReferenceEquals(keyed, c) ? c : await SaveAsync(keyed, cancellationToken), key);
    }

    private async Task<DisputeCase> SaveAsync(DisputeCase c, CancellationToken cancellationToken)
    {
        await cases.SaveAsync(c, cancellationToken);
        return c;
    }

    private static string Pages(int n) => n == 1 ? "1 page" : $"{n} pages";

    /// <summary>What a staging sends, in one text: its key changes whenever any parameter does, so Stripe never sees one key with two bodies.</summary>
    private static string Canonical(EvidenceUpdate evidence) =>
        string.Join('\n', evidence.Fields.Concat(evidence.Appeal?.Fields() ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
        + "\n--\n"
        + string.Join('\n', evidence.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
        + $"\n--\nintended_submission_method={evidence.IntendedSubmissionMethod}";

    private static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));
}

using DisputeKit.Core.Disputes;
using DisputeKit.Core.Submission;

namespace DisputeKit.Core.Cases;

/// <summary>
/// The irreversible and the person-made steps on one case: submit, accept (close) and hold.
/// The sweep's automatic submission and the command line's <c>submit</c> go through the same
/// <see cref="SubmitAsync"/>. Every request to Stripe is keyed and the key saved on the case
/// before it is sent, so a step cut short by a crash is finished, never repeated.
/// </summary>
public sealed class CaseActions(IDisputeGateway gateway, ICaseStore cases, TimeProvider clock)
{
    /// <summary>How the audit trail names someone acting from the command line.</summary>
    public const string APerson = "a person";

    /// <summary>
    /// Sends the staged evidence (or the staged appeal) to the bank. <paramref name="current"/> is
    /// the dispute as just listed, if at hand; <paramref name="acknowledgeFee"/>: a person accepts
    /// a compliance dispute's network fee, sent with the submission.
    /// </summary>
    public async Task<ActionResult> SubmitAsync(DisputeCase staged, string cause, Dispute? current, bool acknowledgeFee, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staged);
        current ??= await gateway.GetDisputeAsync(staged.DisputeId, cancellationToken);
        var now = clock.GetUtcNow();
        if (Reconcile(staged, current, now) is { } reconciled)
        {
            await cases.SaveAsync(reconciled, cancellationToken);
            return new ActionResult(reconciled.State == CaseState.Submitted, reconciled.Note ?? "submission confirmed on Stripe", reconciled);
        }

        if (SubmissionPolicy.NoResponseReason(current, now, appeal: staged.Appeal is not null) is { } why)
        {
            var skipped = CloseOutStaged(staged, current, why, now);
            await cases.SaveAsync(skipped, cancellationToken);
            return new ActionResult(false, skipped.Note!, skipped);
        }

        if (StagedEvidenceCheck.Difference(staged, staged.Appeal is null ? current.Evidence : current.Appeal) is { } difference)
        {
            var held = staged.Record($"not submitted: Stripe does not hold the evidence DisputeKit staged ({difference})", now);
            await cases.SaveAsync(held, cancellationToken);
            throw new EvidenceRefusedException(
                $"dispute {staged.DisputeId}: Stripe does not hold the evidence DisputeKit staged ({difference}); nothing was submitted. Look at the dispute on Stripe; 'disputekit case show {staged.DisputeId}' shows what was staged.");
        }

        // Stripe was just read: a submission saved under the last key did not happen, so a new key is safe.
        var purpose = staged.Appeal is null ? "submit" : "appeal-submit";
        var (keyed, key) = staged.KeyFor(purpose, $"dk-{staged.DisputeId}-{purpose}", now);
        var fee = acknowledgeFee && staged.Compliance is { } kind ? kind : null;
        var intent = (keyed with { SubmitIdempotencyKey = key })
            .Record($"submitting ({cause}" + (fee is null ? ")" : $"; the {fee.Replace('_', ' ')} fee acknowledged by a person)"), now);
        await cases.SaveAsync(intent, cancellationToken);

        var update = new EvidenceUpdate { Fields = new Dictionary<string, string>(), ComplianceFeeAcknowledged = fee };
        var after = await SendAsync(intent, () => gateway.UpdateEvidenceAsync(staged.DisputeId, update, submit: true, key, cancellationToken), cancellationToken);
        var what = staged.Appeal is null ? "evidence" : "appeal";
        var submitted = (intent with { SubmittedAt = now, Status = after.Status }).MoveTo(CaseState.Submitted, $"{what} submitted to the bank ({cause})", now);
        await cases.SaveAsync(submitted, cancellationToken);
        return new ActionResult(true, $"Dispute {staged.DisputeId}: {what} submitted to the bank.", submitted);
    }

    /// <summary>Accepts the dispute on Stripe: the customer keeps the money and the case is closed.</summary>
    public Task<ActionResult> AcceptAsync(string disputeId, CancellationToken cancellationToken) => AcceptAsync(disputeId, APerson, cancellationToken);

    /// <inheritdoc cref="AcceptAsync(string, CancellationToken)"/>
    /// <param name="by">Who accepted, as the audit trail names them (<c>ana (finance)</c>).</param>
    public async Task<ActionResult> AcceptAsync(string disputeId, string by, CancellationToken cancellationToken)
    {
        var current = await gateway.GetDisputeAsync(disputeId, cancellationToken);
        var now = clock.GetUtcNow();
        var @case = await cases.GetAsync(disputeId, cancellationToken) ?? DisputeCase.Discover(current, now);
        if (Reconcile(@case, current, now) is { } reconciled)
        {
            await cases.SaveAsync(reconciled, cancellationToken);
            return new ActionResult(reconciled.State == CaseState.Accepted, reconciled.Note ?? $"Dispute {disputeId} is {reconciled.State}.", reconciled);
        }

        if (@case.State is CaseState.Submitted or CaseState.Accepted || !DisputeStatus.AcceptsEvidence(current.Status))
        {
            return new ActionResult(false, $"Dispute {disputeId} is {current.Status} on Stripe (case {@case.State}); it can no longer be accepted.", @case);
        }

        var (keyed, key) = @case.KeyFor("close", $"dk-{disputeId}-close", now);
        var intent = (keyed with { CloseIdempotencyKey = key }).Record($"accepting ({by})", now);
        await cases.SaveAsync(intent, cancellationToken);
        var closed = await SendAsync(intent, () => gateway.CloseDisputeAsync(disputeId, key, cancellationToken), cancellationToken);
        var accepted = (intent with { Status = closed.Status })
            .MoveTo(CaseState.Accepted, $"dispute accepted by {by}", now, "Accepted: the customer keeps the money.");
        await cases.SaveAsync(accepted, cancellationToken);
        return new ActionResult(true, $"Dispute {disputeId} accepted; Stripe status is now {closed.Status}.", accepted);
    }

    /// <summary>Stops (or, with <paramref name="hold"/> false, allows again) automatic submission of a case.</summary>
    public Task<ActionResult> HoldAsync(string disputeId, bool hold, string? note, CancellationToken cancellationToken) =>
        HoldAsync(disputeId, hold, note, APerson, cancellationToken);

    /// <inheritdoc cref="HoldAsync(string, bool, string?, CancellationToken)"/>
    /// <param name="by">Who, as the audit trail names them.</param>
    public async Task<ActionResult> HoldAsync(string disputeId, bool hold, string? note, string by, CancellationToken cancellationToken)
    {
        var @case = await cases.GetAsync(disputeId, cancellationToken);
        if (@case is null)
        {
            return new ActionResult(false, $"No case for dispute {disputeId}: run a sweep first.", null);
        }

        if (@case.State is CaseState.Submitted or CaseState.Accepted)
        {
            return new ActionResult(false, $"Dispute {disputeId} is already {@case.State}; holding it changes nothing.", @case);
        }

        if (@case.OnHold == hold)
        {
            return new ActionResult(true, $"Dispute {disputeId} is already {(hold ? "on hold" : "released")}.", @case);
        }

        var cause = (hold ? $"put on hold by {by}" : $"hold released by {by}") + (string.IsNullOrWhiteSpace(note) ? string.Empty : $": {note.Trim()}");
        var changed = (@case with { OnHold = hold }).Record(cause, clock.GetUtcNow());
        await cases.SaveAsync(changed, cancellationToken);
        return new ActionResult(true, $"Dispute {disputeId}: {cause}.", changed);
    }

    /// <summary>
    /// Sends an irreversible request. When Stripe saved a failure under its key, the case records
    /// that before the failure goes on, so the next attempt reads the dispute first and then uses
    /// a new key instead of getting the saved failure back until the deadline passes.
    /// </summary>
    private async Task<T> SendAsync<T>(DisputeCase intent, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send();
        }
        catch (DisputeGatewayException e) when (e is { SavedUnderKey: true, IdempotencyKey: { } key })
        {
            await cases.SaveAsync(intent.SpendKey(key, clock.GetUtcNow()), cancellationToken);
            throw;
        }
    }

    /// <summary>A staged case that can no longer be answered (past due, closed, submitted elsewhere): skipped, with why.</summary>
    public static DisputeCase CloseOutStaged(DisputeCase staged, Dispute current, string why, DateTimeOffset now) =>
        (staged with { Status = current.Status, SubmittedElsewhere = staged.SubmittedElsewhere || current.SubmissionCount > 0 })
            .MoveTo(CaseState.Skipped, "no response possible", now, $"{why} The staged evidence was never submitted by DisputeKit.");

    /// <summary>
    /// A submit or close that reached Stripe before the process stopped: the case is brought to
    /// the state Stripe shows. Null when there is nothing to reconcile.
    /// </summary>
    public static DisputeCase? Reconcile(DisputeCase c, Dispute current, DateTimeOffset now)
    {
        // An appeal went in when Stripe shows it under review, or one more submission than when it opened.
        var submitted = c.Appeal is { } appeal
            ? current.Status == DisputeStatus.AppealUnderReview || current.SubmissionCount > appeal.SubmissionsBefore
            : current.SubmissionCount > 0;
        if (c.State != CaseState.Submitted && c.SubmitIdempotencyKey is not null && submitted)
        {
            return (c with { Status = current.Status, SubmittedAt = c.SubmittedAt ?? now })
                .MoveTo(CaseState.Submitted, "submission confirmed on Stripe after a restart", now);
        }

        if (c.State != CaseState.Accepted && c.CloseIdempotencyKey is not null
            && current.Status is DisputeStatus.Lost or DisputeStatus.WarningClosed && current.SubmissionCount == 0)
        {
            return (c with { Status = current.Status })
                .MoveTo(CaseState.Accepted, "close confirmed on Stripe after a restart", now, "Accepted: the customer keeps the money.");
        }

        return null;
    }
}

/// <summary>What a person-made or automatic step did: whether it happened, a message to show, and the case after it.</summary>
public sealed record ActionResult(bool Done, string Message, DisputeCase? Case);

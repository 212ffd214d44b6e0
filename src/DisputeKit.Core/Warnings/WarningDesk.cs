using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Economics;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Formatting;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Sweeps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DisputeKit.Core.Warnings;

/// <summary>
/// Early fraud warnings, from Stripe to a decision and, when allowed, a refund: each poll lists
/// the warnings of the last <see cref="WarningOptions.LookBackDays"/> days, a webhook names one,
/// a person refunds or dismisses one. Every path claims the warning, reads it as kept, and saves
/// each change before the next; a refund is recorded with its key before it is sent and is
/// never made twice, nor for a charge that is disputed or already refunded.
/// </summary>
public sealed class WarningDesk(
    IWarningGateway warnings,
    IDisputeGateway charges,
    IWarningStore store,
    EvidenceGatherer gatherer,
    RefundPolicy policy,
    IRadarLists radar,
    IOptions<WarningOptions> options,
    IOptions<EconomicsOptions> economics,
    TimeProvider clock,
    ILogger<WarningDesk> logger)
{
    /// <summary>Who DisputeKit's own changes are recorded as.</summary>
    public const string System = "disputekit";

    public WarningMode Mode => options.Value.Mode;

    /// <summary>
    /// Works every warning Stripe lists from the last <see cref="WarningOptions.LookBackDays"/> days:
    /// new ones are decided (and refunded in auto mode within the ceiling), open ones follow Stripe
    /// (disputed or refunded meanwhile), refunds left half-way are finished. One warning that fails
    /// is named and the rest go on.
    /// </summary>
    public async Task<WarningSweep> PollAsync(SweepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Mode == WarningMode.Off)
        {
            return new WarningSweep { Mode = Mode };
        }

        var outcomes = new List<WarningOutcome>();
        var listed = 0;
        await foreach (var warning in warnings.ListWarningsAsync(clock.GetUtcNow().AddDays(-options.Value.LookBackDays), cancellationToken))
        {
            listed++;
            outcomes.Add(await WorkOneAsync(warning, context, cancellationToken));
        }

        return new WarningSweep { Mode = Mode, Listed = listed, Outcomes = outcomes };
    }

    /// <summary>Works the one warning an event named, read from Stripe as it is now.</summary>
    public async Task<WarningOutcome> WorkAsync(string warningId, SweepContext context, CancellationToken cancellationToken)
    {
        if (Mode == WarningMode.Off)
        {
            return new WarningOutcome(warningId, null, false, "left alone: early fraud warnings are off (DisputeKit:EarlyFraudWarnings:Mode)");
        }

        return await WorkOneAsync(await warnings.GetWarningAsync(warningId, cancellationToken), context, cancellationToken);
    }

    private async Task<WarningOutcome> WorkOneAsync(EarlyFraudWarning warning, SweepContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var claim = await store.TryClaimAsync(warning.Id, cancellationToken);
            if (claim is null)
            {
                return new WarningOutcome(warning.Id, null, false, "being worked by another process just now; left to it");
            }

            var kept = await store.GetAsync(warning.Id, cancellationToken);
            var worked = kept is null
                ? await FirstSeenAsync(warning, context, cancellationToken)
                : await FollowAsync(kept, warning, cancellationToken);
            return new WarningOutcome(warning.Id, worked.State, !ReferenceEquals(worked, kept), worked.Note);
        }
        catch (Exception e) when (e is not (OperationCanceledException or DisputeGatewayUnavailableException))
        {
            // One warning that cannot be worked now waits for the next poll; the others go on.
            Log.WarningFailed(logger, warning.Id, e.GetType().Name, e.Message);
            return new WarningOutcome(warning.Id, null, false, $"failed, tried again next poll: {e.Message}") { Failed = true };
        }
    }

    /// <summary>A warning seen for the first time: the charge read, the order found, the decision made and saved, then acted on.</summary>
    private async Task<WarningCase> FirstSeenAsync(EarlyFraudWarning warning, SweepContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var charge = await charges.GetChargeAsync(warning.ChargeId, cancellationToken);
        var seen = new WarningCase
        {
            Id = warning.Id,
            ChargeId = warning.ChargeId,
            PaymentIntentId = warning.PaymentIntentId ?? charge.PaymentIntentId,
            FraudType = warning.FraudType,
            WarnedAt = warning.Created,
            FirstSeenAt = now,
            Amount = charge.Refundable,
            Currency = charge.Currency,
            CardFingerprint = charge.CardFingerprint,
            State = WarningState.NeedsPerson,
        };

        if (Settled(charge, context) is { } settled)
        {
            var left = seen.To(settled.State, System, settled.Why, now);
            await store.SaveAsync(left, cancellationToken);
            return left;
        }

        if (!warning.Actionable)
        {
            var closed = seen.To(WarningState.Closed, System, "Stripe does not count the warning as actionable; nothing to do.", now);
            await store.SaveAsync(closed, cancellationToken);
            return closed;
        }

        // Judged as the fraud dispute it would become: the same matching, gathering, policy and economics as a dispute's.
        var asDispute = new Dispute
        {
            Id = warning.Id,
            Amount = charge.Refundable,
            Currency = charge.Currency,
            ChargeId = charge.Id,
            PaymentIntentId = seen.PaymentIntentId,
            Reason = DisputeReason.Fraudulent,
            Status = "warning",
            Created = warning.Created,
            Charge = charge,
            Metadata = charge.Metadata,
        };
        var bundle = await gatherer.GatherAsync(asDispute, charge, context.DisputedCharges, cancellationToken);
        var verdict = PolicyEngine.Evaluate(bundle, policy);
        var value = ExpectedValue.Estimate(bundle, verdict, context.Rates, economics.Value);
        var decision = WarningPolicy.Decide(warning, charge.Refundable, charge.Currency, bundle, verdict, value, options.Value, economics.Value, now);
        var decided = (seen with
        {
            Decision = decision,
            OrderIds = bundle.Order is { } order ? [order.Id] : [],
            CustomerId = bundle.Match.CustomerId,
        }).To(decision.Action switch
        {
            WarningAction.Refund => WarningState.Proposed,
            WarningAction.Watch => WarningState.Watching,
            _ => WarningState.NeedsPerson,
        }, System, decision.Summary + NotAFlag, now);
        await store.SaveAsync(decided, cancellationToken);
        Log.WarningDecided(logger, warning.Id, decision.Action, charge.Id);
        return await AutoRefundAsync(decided, cancellationToken);
    }

    private const string NotAFlag = " The account is not flagged: a warning is the cardholder's own report that the card was misused, not friendly fraud.";

    /// <summary>A warning kept before: follows Stripe (disputed or refunded meanwhile), finishes a refund left half-way, or makes a proposed one auto mode now allows.</summary>
    private async Task<WarningCase> FollowAsync(WarningCase kept, EarlyFraudWarning warning, CancellationToken cancellationToken)
    {
        if (kept.State == WarningState.Refunding)
        {
            return (await RefundAsync(kept, kept.Refund?.RequestedBy ?? System, cancellationToken)).Case;
        }

        if (!kept.IsOpen)
        {
            return kept;
        }

        if (!warning.Actionable)
        {
            // Disputed or refunded elsewhere since: the charge says which.
            var charge = await charges.GetChargeAsync(kept.ChargeId, cancellationToken);
            var (state, why) = Settled(charge, null) ?? (WarningState.Closed, "Stripe no longer counts the warning as actionable.");
            var followed = kept.To(state, System, why, clock.GetUtcNow());
            await store.SaveAsync(followed, cancellationToken);
            return followed;
        }

        return kept.State == WarningState.Proposed ? await AutoRefundAsync(kept, cancellationToken) : kept;
    }

    /// <summary>A proposed refund made at once when auto mode allows it for the amount; otherwise left for a person.</summary>
    private async Task<WarningCase> AutoRefundAsync(WarningCase proposed, CancellationToken cancellationToken)
    {
        if (proposed.State != WarningState.Proposed || !options.Value.MayAutoRefund(proposed.Amount, proposed.Currency))
        {
            return proposed;
        }

        return (await RefundAsync(proposed, System, cancellationToken)).Case;
    }

    /// <summary>Why a charge leaves nothing to do: disputed (answered as a dispute), or refunded in full.</summary>
    private static (WarningState State, string Why)? Settled(ChargeDetails charge, SweepContext? context)
    {
        if (charge.Disputed || context?.DisputedCharges.Contains(charge.Id) == true)
        {
            return (WarningState.Disputed, $"Charge {charge.Id} is disputed: it is answered as a dispute and never refunded from here.");
        }

        return charge.Refundable == 0
            ? (WarningState.Refunded, $"Charge {charge.Id} is already refunded in full ({Formats.Amount(charge.AmountRefunded, charge.Currency)}).")
            : null;
    }

    /// <summary>
    /// A person refunds the warning's charge (<c>disputekit efw refund</c>): worked like the poll's
    /// own refunds, claimed, recorded first and made once. A warning not yet seen is read from
    /// Stripe and decided first.
    /// </summary>
    public async Task<WarningAnswer> RefundAsync(string warningId, string by, SweepContext context, TimeSpan wait, CancellationToken cancellationToken)
    {
        await using var claim = await ClaimAsync(warningId, wait, cancellationToken);
        var kept = await store.GetAsync(warningId, cancellationToken);
        if (kept is null)
        {
            kept = await FirstSeenAsync(await warnings.GetWarningAsync(warningId, cancellationToken), context, cancellationToken);
            if (kept.State == WarningState.Refunded && kept.Refund?.RefundId is not null)
            {
                // Read for the first time just now, and refunded by auto mode within its ceiling.
                return new WarningAnswer(kept, true, kept.Note!);
            }
        }

        switch (kept.State)
        {
            case WarningState.Refunded:
                return new WarningAnswer(kept, false, kept.Refund?.RefundId is { } refundId ? $"Already refunded ({refundId}); nothing sent." : $"Already refunded: {kept.Note}");
            case WarningState.Disputed or WarningState.Closed:
                return new WarningAnswer(kept, false, $"Not refunded: {kept.Note}") { Refused = true };
        }

        return await RefundAsync(kept, by, cancellationToken);
    }

    /// <summary>A person decides against refunding (<c>disputekit efw dismiss</c>); the warning stays watched for a dispute.</summary>
    public async Task<WarningAnswer> DismissAsync(string warningId, string by, string? note, TimeSpan wait, CancellationToken cancellationToken)
    {
        await using var claim = await ClaimAsync(warningId, wait, cancellationToken);
        var kept = await store.GetAsync(warningId, cancellationToken)
            ?? throw new KeyNotFoundException($"No early fraud warning {warningId} is kept; run a sweep (or wait for the poll) to read it from Stripe first.");
        if (kept.State is WarningState.Refunding or WarningState.Refunded)
        {
            return new WarningAnswer(kept, false, $"Not dismissed: a refund was already {(kept.State == WarningState.Refunded ? "made" : "sent")} ({kept.Refund?.Key.Key}).") { Refused = true };
        }

        if (!kept.IsOpen && kept.State != WarningState.Dismissed)
        {
            return new WarningAnswer(kept, false, $"Nothing to dismiss: {kept.Note}");
        }

        var dismissed = kept.To(WarningState.Dismissed, by, string.IsNullOrWhiteSpace(note) ? "Dismissed: no refund." : $"Dismissed: {note.Trim()}", clock.GetUtcNow());
        await store.SaveAsync(dismissed, cancellationToken);
        return new WarningAnswer(dismissed, true, dismissed.Note!);
    }

    private Task<IAsyncDisposable> ClaimAsync(string warningId, TimeSpan wait, CancellationToken cancellationToken) =>
        CaseClaims.WaitAsync(ct => store.TryClaimAsync(warningId, ct), wait,
            () => new IOException($"Early fraud warning {warningId} is being worked by another DisputeKit process; waited {wait.TotalSeconds:0} s. Try again when it has finished."),
            cancellationToken);

    /// <summary>
    /// Refunds what is left of the charge, once. The charge is read first: disputed or refunded
    /// already (by an earlier attempt whose answer was lost, or elsewhere), nothing is sent. The
    /// refund is recorded with its key before it goes out; a lost answer is resent under the same
    /// key (Stripe replays it), and only a failure Stripe saved under the key, or a key past its
    /// 24 hours, moves to the next generation — after this read showed the charge not refunded.
    /// </summary>
    private async Task<WarningAnswer> RefundAsync(WarningCase warning, string by, CancellationToken cancellationToken)
    {
        var charge = await charges.GetChargeAsync(warning.ChargeId, cancellationToken);
        var now = clock.GetUtcNow();
        if (Settled(charge, null) is { } settled)
        {
            var why = settled.State == WarningState.Refunded && warning.Refund is not null
                ? $"The charge shows refunded in full: the refund sent under {warning.Refund.Key.Key} went in (its answer was lost)."
                : settled.Why;
            var found = warning.To(settled.State, by, why, now);
            await store.SaveAsync(found, cancellationToken);
            if (settled.State == WarningState.Refunded && warning.Refund is not null)
            {
                // Ours went in: what follows a refund follows it too.
                found = await BlockCardAsync(found, cancellationToken);
            }

            return new WarningAnswer(found, false, why) { Refused = settled.State != WarningState.Refunded };
        }

        var refundable = charge.Refundable;
        var key = warning.Refund?.Key is { } current && !current.Expired(now) && warning.Refund.Amount == refundable
            ? current
            : new CaseKey($"dk-efw-{warning.Id}-refund", warning.Refund is null ? 0 : warning.Refund.Key.Generation + 1, now);
        var refund = new WarningRefund
        {
            Key = key,
            Amount = refundable,
            Currency = charge.Currency,
            RequestedAt = warning.Refund?.Key == key ? warning.Refund.RequestedAt : now,
            RequestedBy = by,
            Attempts = (warning.Refund?.Attempts ?? 0) + 1,
        };
        var sending = (warning with { Refund = refund }).To(WarningState.Refunding, by,
            $"Refunding {Formats.Amount(refundable, charge.Currency)} of {charge.Id} under key {key.Key}.", now);
        await store.SaveAsync(sending, cancellationToken);

        RefundResult result;
        try
        {
            result = await warnings.RefundAsync(
                new RefundRequest(charge.Id, refundable, options.Value.BlockCardOnRefund ? "fraudulent" : null,
                    new Dictionary<string, string>(StringComparer.Ordinal) { ["early_fraud_warning"] = warning.Id, ["refunded_by"] = "disputekit" }),
                key.Key, cancellationToken);
        }
        catch (DisputeGatewayException e) when (e.SavedUnderKey)
        {
            // Stripe keeps the failure under this key; the next attempt reads the charge, then uses a new one.
            var spent = (sending with { Refund = refund with { Key = key with { Spent = true } } })
                .To(WarningState.Refunding, by, $"Stripe failed ({e.Status}) and saved the failure under {key.Key}; the next attempt reads the charge and, if still not refunded, sends under a new key.", clock.GetUtcNow());
            await store.SaveAsync(spent, cancellationToken);
            throw;
        }
        catch (DisputeGatewayException e) when (e.Status is >= 400 and < 500 and not 429)
        {
            var (state, why) = e.Code switch
            {
                "charge_already_refunded" => (WarningState.Refunded, $"Stripe says the charge is already refunded: {e.Message}"),
                "charge_disputed" => (WarningState.Disputed, $"Stripe refused the refund, the charge is disputed: {e.Message}"),
                _ => (WarningState.NeedsPerson, $"Stripe refused the refund: {e.Message}"),
            };
            var refused = (sending with { Refund = state == WarningState.Refunded ? refund : null }).To(state, by, why, clock.GetUtcNow());
            await store.SaveAsync(refused, cancellationToken);
            return new WarningAnswer(refused, false, why) { Refused = state != WarningState.Refunded };
        }

        var done = (sending with { Refund = refund with { RefundId = result.Id, Status = result.Status } })
            .To(WarningState.Refunded, by, $"Refunded {Formats.Amount(result.Amount, charge.Currency)} ({result.Id}).", clock.GetUtcNow());
        await store.SaveAsync(done, cancellationToken);
        Log.WarningRefunded(logger, warning.Id, charge.Id, result.Id);
        return new WarningAnswer(await BlockCardAsync(done, cancellationToken), true, done.Note!);
    }

    /// <summary>After a refund, with <see cref="WarningOptions.BlockCardOnRefund"/>: the card's fingerprint on the configured Radar list.</summary>
    private async Task<WarningCase> BlockCardAsync(WarningCase refunded, CancellationToken cancellationToken)
    {
        if (!options.Value.BlockCardOnRefund || refunded.CardFingerprint is not { Length: > 0 } fingerprint || refunded.BlockedCard is not null)
        {
            return refunded;
        }

        if (await radar.BlockCardAsync(fingerprint, $"dk-efw-{refunded.Id}-block", cancellationToken) is not { } change)
        {
            return refunded;
        }

        var blocked = refunded with
        {
            BlockedCard = change.Item,
            History = [.. refunded.History, new WarningEntry(change.Call.At, System, refunded.State, change.Call.Succeeded ? $"Card blocked on Radar: {change.Call.Answer}" : $"Blocking the card on Radar failed: {change.Call.Answer}")],
        };
        await store.SaveAsync(blocked, cancellationToken);
        return blocked;
    }
}

/// <summary>What working one warning did: its state (null when it could not be worked now), whether it changed, and why.</summary>
public sealed record WarningOutcome(string WarningId, WarningState? State, bool Changed, string? Note)
{
    public bool Failed { get; init; }
}

/// <summary>A person's refund or dismissal: the case after it, whether it changed anything, and what to tell them.</summary>
public sealed record WarningAnswer(WarningCase Case, bool Done, string Message)
{
    /// <summary>What was asked cannot be done (the charge is disputed, Stripe refused).</summary>
    public bool Refused { get; init; }
}

/// <summary>What a poll did with the early fraud warnings.</summary>
public sealed record WarningSweep
{
    public required WarningMode Mode { get; init; }
    public int Listed { get; init; }
    public IReadOnlyList<WarningOutcome> Outcomes { get; init; } = [];

    public int Count(WarningState state) => Outcomes.Count(o => o.State == state);

    public int Failed => Outcomes.Count(o => o.Failed);

    /// <summary>Why the warnings could not be listed at all this time (tried again next poll).</summary>
    public string? Problem { get; init; }
}

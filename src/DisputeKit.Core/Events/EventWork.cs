using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Economics;
using DisputeKit.Core.Sweeps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DisputeKit.Core.Events;

/// <summary>
/// Works the Stripe events kept in <see cref="IEventStore"/>: an early fraud warning's event works
/// that warning (<see cref="Warnings.WarningDesk"/>); a dispute event works that one
/// dispute through the same claim and <see cref="CasePipeline"/> as a sweep, on the dispute as
/// Stripe holds it now (events come twice, late and out of order; the dispute read now is what
/// counts). Catching up after downtime reads <c>GET /v1/events</c> from the last event kept.
/// </summary>
public sealed class EventWork(
    IEventStore events,
    IDisputeGateway gateway,
    ICaseStore cases,
    CasePipeline pipeline,
    Warnings.WarningDesk warnings,
    IOptions<EconomicsOptions> economics,
    TimeProvider clock,
    ILogger<EventWork> logger)
{
    /// <summary>How far back catching up looks at most: Stripe keeps events for 30 days.</summary>
    public static readonly TimeSpan CatchUpLimit = TimeSpan.FromDays(30);

    /// <summary>Catching up starts this long before the newest event kept, for events delivered out of order around it.</summary>
    public static readonly TimeSpan CatchUpOverlap = TimeSpan.FromHours(1);

    /// <summary>How many disputes' events are worked at once; one dispute's events are worked in order, one at a time.</summary>
    public const int Concurrency = 3;

    /// <summary>
    /// Works every event waiting, oldest first, several disputes at once (<see cref="Concurrency"/>);
    /// the number worked (one whose dispute another process holds waits for the next round).
    /// </summary>
    public async Task<int> WorkPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await events.PendingAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        // The stored cases are read once a round (the win rates, the disputed charges), not once an event.
        var context = await ContextAsync(cancellationToken);
        var worked = 0;
        var byDispute = pending.GroupBy(e => e.ObjectId ?? e.Id, StringComparer.Ordinal);
        await Parallel.ForEachAsync(byDispute, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            foreach (var e in group)
            {
                try
                {
                    if (await WorkAsync(e, context, ct))
                    {
                        Interlocked.Increment(ref worked);
                    }
                }
                catch (Exception error) when (error is not (OperationCanceledException or DisputeGatewayUnavailableException))
                {
                    // One event that cannot be worked now (Stripe refused the read, a store hiccup) waits for the
                    // next round, and so do the later ones of its dispute; other disputes go on. With Stripe down
                    // as a whole, the round stops.
                    Log.EventFailed(logger, e.Id, e.ObjectId ?? "-", error.GetType().Name, error.Message);
                    return;
                }
            }
        });

        return worked;
    }

    /// <summary>What the disputes worked share: the charges disputed (so none counts as a prior undisputed order) and the win rates learned.</summary>
    private async Task<SweepContext> ContextAsync(CancellationToken cancellationToken)
    {
        return SweepContext.Of(await KnownCases.ScanAsync(cases, economics.Value, cancellationToken));
    }

    /// <summary>Works one kept event; false when it was left waiting (its dispute is being worked elsewhere) or was worked meanwhile.</summary>
    private async Task<bool> WorkAsync(StripeEvent stripeEvent, SweepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        if (stripeEvent.IsWarningEvent && stripeEvent.ObjectId is { Length: > 0 } warningId)
        {
            return await WorkWarningAsync(stripeEvent, warningId, context, cancellationToken);
        }

        if (!stripeEvent.IsDisputeEvent || stripeEvent.ObjectId is not { Length: > 0 } disputeId)
        {
            await events.MarkWorkedAsync(stripeEvent.Id, $"left alone: {stripeEvent.Type} is not about a dispute or an early fraud warning", clock.GetUtcNow(), cancellationToken);
            return true;
        }

        await using var claim = await cases.TryClaimAsync(disputeId, cancellationToken);
        if (claim is null)
        {
            Log.EventWaits(logger, stripeEvent.Id, disputeId);
            return false;
        }

        if ((await events.GetAsync(stripeEvent.Id, cancellationToken))?.WorkedAt is not null)
        {
            // Another process worked it between listing and claiming.
            return false;
        }

        Dispute dispute;
        try
        {
            dispute = await gateway.GetDisputeAsync(disputeId, cancellationToken);
        }
        catch (DisputeGatewayException e) when (e.Status == 404)
        {
            await events.MarkWorkedAsync(stripeEvent.Id, $"left alone: Stripe has no dispute {disputeId}", clock.GetUtcNow(), cancellationToken);
            return true;
        }

        context = context with { DisputedCharges = context.DisputedCharges.Append(dispute.ChargeId).ToHashSet(StringComparer.Ordinal) };
        var outcome = await pipeline.WorkAsync(dispute, await cases.GetAsync(disputeId, cancellationToken), context, cancellationToken);
        var result = $"case {Cases.CaseStateNames.Name(outcome.State)}" + (outcome.Changed ? string.Empty : " (nothing to change)");
        await events.MarkWorkedAsync(stripeEvent.Id, result, clock.GetUtcNow(), cancellationToken);
        Log.EventWorked(logger, stripeEvent.Id, stripeEvent.Type, disputeId, result);
        return true;
    }

    /// <summary>An early fraud warning's event: the warning, read from Stripe as it is now, worked by <see cref="Warnings.WarningDesk"/> under its own claim.</summary>
    private async Task<bool> WorkWarningAsync(StripeEvent stripeEvent, string warningId, SweepContext context, CancellationToken cancellationToken)
    {
        Warnings.WarningOutcome outcome;
        try
        {
            outcome = await warnings.WorkAsync(warningId, context, cancellationToken);
        }
        catch (DisputeGatewayException e) when (e.Status == 404)
        {
            await events.MarkWorkedAsync(stripeEvent.Id, $"left alone: Stripe has no early fraud warning {warningId}", clock.GetUtcNow(), cancellationToken);
            return true;
        }

        if (outcome.Failed || (outcome.State is null && warnings.Mode != Warnings.WarningMode.Off))
        {
            // Failed, or another process holds the warning: the event waits for the next round.
            Log.EventWaits(logger, stripeEvent.Id, warningId);
            return false;
        }

        var result = outcome.State is { } state
            ? $"warning {System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString())}" + (outcome.Changed ? string.Empty : " (nothing to change)")
            : outcome.Note ?? "left alone";
        await events.MarkWorkedAsync(stripeEvent.Id, result, clock.GetUtcNow(), cancellationToken);
        Log.EventWorked(logger, stripeEvent.Id, stripeEvent.Type, warningId, result);
        return true;
    }

    /// <summary>
    /// Keeps the dispute and warning events Stripe made since the newest one kept (less <see cref="CatchUpOverlap"/>,
    /// at most <see cref="CatchUpLimit"/> back) that were never received: after downtime, before the
    /// first poll. The number newly kept; they are worked like any other.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var latest = await events.LatestCreatedAsync(cancellationToken);
        var since = latest is { } seen ? seen - CatchUpOverlap : now - CatchUpLimit;
        if (since < now - CatchUpLimit)
        {
            since = now - CatchUpLimit;
        }

        var kept = 0;
        await foreach (var missed in gateway.ListEventsAsync(since, cancellationToken))
        {
            if (StripeEvent.IsWanted(missed.Type) && await events.RecordAsync(missed with { Source = "catch_up", ReceivedAt = now }, cancellationToken))
            {
                kept++;
            }
        }

        Log.CaughtUp(logger, kept, since);
        return kept;
    }
}

using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Evidence;

/// <summary>What the delivery log of one order proves.</summary>
public sealed record DeliveryReport
{
    public required IReadOnlyList<DeliveryEvent> Events { get; init; }
    public required long Ordered { get; init; }
    public required long Delivered { get; init; }
    public long? StartCount { get; init; }
    /// <summary>The latest count observed on the target.</summary>
    public long? CurrentObservedCount { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>Time from order to start of delivery.</summary>
    public TimeSpan? StartDelay { get; init; }
    public double? PromisedStartHours { get; init; }
    /// <summary>Null when the start or the promise is unknown.</summary>
    public bool? StartedWithinPromise { get; init; }
    public DateTimeOffset? GuaranteeEndsAt { get; init; }
    public required IReadOnlyList<DropRecord> Drops { get; init; }
    public DateTimeOffset? AccountSentAt { get; init; }
    public DateTimeOffset? AccountLoginAt { get; init; }

    public long Undelivered => Math.Max(0, Ordered - Delivered);

    /// <summary>Units lost to drops inside the guarantee and never refilled.</summary>
    public long UnrefilledWithinGuarantee => Drops.Where(d => d.WithinGuarantee && d.RefilledAt is null).Sum(d => d.Lost);

    /// <summary>The lowest count observed on the target after delivery started (null when none was observed).</summary>
    public long? LowestObservedCount => Events.Where(e => e.ObservedCount is not null && (StartedAt is null || e.At >= StartedAt)).Select(e => e.ObservedCount).Min();

    /// <summary>Whether the count on the target fell below where the campaign started: the policy then gives no refund for drops.</summary>
    public bool FellBelowStart => StartCount is { } start && LowestObservedCount is { } lowest && lowest < start;

    /// <summary>
    /// The units of <paramref name="drop"/> that had been delivered: what the count lost between
    /// where it was and where it fell to, never counting losses below the starting count, and never
    /// more than was delivered.
    /// </summary>
    public long DeliveredUnitsLost(DropRecord drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        if (StartCount is not { } start || drop.CountBefore is not { } before || drop.CountAfter is not { } after)
        {
            return Math.Min(drop.Lost, Delivered);
        }

        return Math.Clamp(before - Math.Max(after, start), 0, Delivered);
    }
}

/// <summary>A drop in the observed count (from <paramref name="CountBefore"/> to <paramref name="CountAfter"/>), and whether it was refilled.</summary>
public sealed record DropRecord(DateTimeOffset At, long Lost, bool WithinGuarantee, DateTimeOffset? RefilledAt, long? CountBefore = null, long? CountAfter = null);

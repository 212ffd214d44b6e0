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
}

/// <summary>A drop in the observed count, and whether it was refilled.</summary>
public sealed record DropRecord(DateTimeOffset At, long Lost, bool WithinGuarantee, DateTimeOffset? RefilledAt);

using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Evidence;

/// <summary>Reads an order's delivery log into the facts the policy and the pack use.</summary>
public static class DeliveryReportBuilder
{
    public static DeliveryReport Build(Order order, IReadOnlyList<DeliveryEvent> events, double defaultRefillDays)
    {
        var ordered = events.OrderBy(e => e.At).ToList();
        var startedAt = order.StartedAt ?? ordered.FirstOrDefault(e => e.Type == DeliveryEventType.Started)?.At;
        var completedAt = order.CompletedAt ?? ordered.LastOrDefault(e => e.Type == DeliveryEventType.Completed)?.At;
        var delivered = order.Delivered ?? ordered.LastOrDefault(e => e.Delivered is not null)?.Delivered ?? 0;
        var refillDays = order.Service.RefillDays ?? defaultRefillDays;
        var guaranteeEnds = completedAt?.AddDays(refillDays);
        var promised = order.Service.StartWithinHours;
        TimeSpan? startDelay = startedAt is null ? null : startedAt.Value - order.CreatedAt;

        return new DeliveryReport
        {
            Events = ordered,
            Ordered = order.Quantity,
            Delivered = delivered,
            StartCount = order.StartCount,
            CurrentObservedCount = ordered.LastOrDefault(e => e.ObservedCount is not null)?.ObservedCount,
            StartedAt = startedAt,
            CompletedAt = completedAt,
            StartDelay = startDelay,
            PromisedStartHours = promised,
            StartedWithinPromise = startDelay is null || promised is null ? null : startDelay.Value.TotalHours <= promised.Value,
            GuaranteeEndsAt = guaranteeEnds,
            Drops = Drops(ordered, guaranteeEnds),
            AccountSentAt = ordered.FirstOrDefault(e => e.Type == DeliveryEventType.AccountSent)?.At,
            AccountLoginAt = ordered.FirstOrDefault(e => e.Type == DeliveryEventType.AccountLogin)?.At,
        };
    }

    private static List<DropRecord> Drops(List<DeliveryEvent> events, DateTimeOffset? guaranteeEnds)
    {
        var drops = new List<DropRecord>();
        long? lastObserved = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Type == DeliveryEventType.DropDetected && e.ObservedCount is { } now && lastObserved is { } before && before > now)
            {
                var refill = events.Skip(i + 1)
                    .TakeWhile(next => next.Type != DeliveryEventType.DropDetected)
                    .FirstOrDefault(next => next.Type == DeliveryEventType.RefillCompleted);
                drops.Add(new DropRecord(e.At, before - now, guaranteeEnds is null || e.At <= guaranteeEnds.Value, refill?.At, before, now));
            }

            if (e.ObservedCount is not null)
            {
                lastObserved = e.ObservedCount;
            }
        }

        return drops;
    }
}

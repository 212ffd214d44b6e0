using DisputeKit.Core.Events;

namespace DisputeKit.Core.Tests.Events;

/// <summary>Stripe events kept in memory, each id once, as the stores keep them.</summary>
internal sealed class MemoryEvents : IEventStore
{
    private readonly Dictionary<string, StripeEvent> _events = new(StringComparer.Ordinal);

    public Task<bool> RecordAsync(StripeEvent stripeEvent, CancellationToken cancellationToken) => Task.FromResult(_events.TryAdd(stripeEvent.Id, stripeEvent));

    public Task<StripeEvent?> GetAsync(string eventId, CancellationToken cancellationToken) => Task.FromResult(_events.GetValueOrDefault(eventId));

    public Task<IReadOnlyList<StripeEvent>> PendingAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StripeEvent>>([.. _events.Values.Where(e => e.WorkedAt is null).OrderBy(e => e.Created).ThenBy(e => e.Id, StringComparer.Ordinal)]);

    public Task MarkWorkedAsync(string eventId, string result, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _events[eventId] = _events[eventId] with { WorkedAt = at, Result = result };
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> LatestCreatedAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_events.Count == 0 ? null : (DateTimeOffset?)_events.Values.Max(e => e.Created));
}

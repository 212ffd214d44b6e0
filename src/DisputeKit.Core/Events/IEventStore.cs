namespace DisputeKit.Core.Events;

/// <summary>
/// Stripe events received, kept durably before the webhook is answered so a redelivery is a
/// no-op and a restart loses none. With the PostgreSQL store, several processes share it.
/// </summary>
public interface IEventStore
{
    /// <summary>Keeps <paramref name="stripeEvent"/>; false when an event with its id was kept before (a redelivery: nothing changes).</summary>
    Task<bool> RecordAsync(StripeEvent stripeEvent, CancellationToken cancellationToken);

    Task<StripeEvent?> GetAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Events kept and not yet worked, oldest (by Stripe's <c>created</c>) first.</summary>
    Task<IReadOnlyList<StripeEvent>> PendingAsync(CancellationToken cancellationToken);

    /// <summary>Records that the event was worked, and what that did.</summary>
    Task MarkWorkedAsync(string eventId, string result, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The newest <c>created</c> of any event kept: where catching up from <c>GET /v1/events</c> starts.</summary>
    Task<DateTimeOffset?> LatestCreatedAsync(CancellationToken cancellationToken);
}

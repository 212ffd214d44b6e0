namespace DisputeKit.Core.Events;

/// <summary>
/// A Stripe event as DisputeKit keeps it: enough to know what it is about (never the payload,
/// which holds customer data; the dispute is read from Stripe again when the event is worked),
/// where it came from, and whether it was worked.
/// </summary>
public sealed record StripeEvent
{
    /// <summary>Stripe's id (<c>evt_…</c>): a redelivery has the same one.</summary>
    public required string Id { get; init; }
    /// <summary>Stripe's type, e.g. <c>charge.dispute.created</c>.</summary>
    public required string Type { get; init; }
    /// <summary>When Stripe made the event.</summary>
    public required DateTimeOffset Created { get; init; }
    /// <summary>The id of the object the event is about (<c>dp_…</c> for a dispute event).</summary>
    public string? ObjectId { get; init; }
    /// <summary><c>webhook</c>, or <c>catch_up</c> when read from <c>GET /v1/events</c> after downtime.</summary>
    public required string Source { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>When it was worked; null while it waits.</summary>
    public DateTimeOffset? WorkedAt { get; init; }
    /// <summary>What working it did (the case's state, or why it was left alone).</summary>
    public string? Result { get; init; }

    /// <summary>Events about a dispute: DisputeKit works the dispute they name.</summary>
    public bool IsDisputeEvent => Type.StartsWith("charge.dispute.", StringComparison.Ordinal);

    /// <summary>Events about an early fraud warning: DisputeKit works the warning they name.</summary>
    public bool IsWarningEvent => Type.StartsWith("radar.early_fraud_warning.", StringComparison.Ordinal);

    /// <summary>The event types DisputeKit receives and catches up on (<c>GET /v1/events</c>, <c>types[]</c>).</summary>
    public static IReadOnlyList<string> WantedTypes { get; } =
    [
        "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed", "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated",
        "radar.early_fraud_warning.created", "radar.early_fraud_warning.updated",
    ];

    /// <summary>Whether DisputeKit works events of <paramref name="type"/>; any other is answered 2xx and ignored.</summary>
    public static bool IsWanted(string type) =>
        type.StartsWith("charge.dispute.", StringComparison.Ordinal) || type.StartsWith("radar.early_fraud_warning.", StringComparison.Ordinal);
}

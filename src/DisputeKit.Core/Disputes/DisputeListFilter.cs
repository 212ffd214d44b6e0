namespace DisputeKit.Core.Disputes;

/// <summary>Which disputes to list: by creation time (sent to Stripe) and by status (Stripe has no status filter, so it is applied here).</summary>
public sealed record DisputeListFilter
{
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedBefore { get; init; }
    /// <summary>Statuses to keep; empty keeps all.</summary>
    public IReadOnlySet<string> Statuses { get; init; } = new HashSet<string>();
}

namespace DisputeKit.Core.Cases;

/// <summary>The order and its delivery as gathered: what the review page shows without reading the records again.</summary>
public sealed record CaseDelivery
{
    public required string OrderId { get; init; }
    public required string Service { get; init; }
    public string? Link { get; init; }
    public required long Quantity { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset OrderedAt { get; init; }
    public required long Delivered { get; init; }
    public long? StartCount { get; init; }
    public long? CurrentCount { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public TimeSpan? StartDelay { get; init; }
    public bool? StartedWithinPromise { get; init; }
    public double? PromisedStartHours { get; init; }
    public int Drops { get; init; }
    public long? UnrefilledWithinGuarantee { get; init; }
    public DateTimeOffset? GuaranteeEndsAt { get; init; }
}

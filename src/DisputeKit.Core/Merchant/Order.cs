namespace DisputeKit.Core.Merchant;

/// <summary>An order, as in <c>orders.jsonl</c>. Money is in minor units.</summary>
public sealed record Order
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required ServiceInfo Service { get; init; }
    public string? Link { get; init; }
    public required long Quantity { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required string Status { get; init; }
    public long? StartCount { get; init; }
    public long? Delivered { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public PaymentInfo? Payment { get; init; }
    public string? SubscriptionId { get; init; }
    public string? PolicyAcceptanceId { get; init; }
}

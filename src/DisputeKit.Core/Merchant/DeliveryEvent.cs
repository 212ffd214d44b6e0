namespace DisputeKit.Core.Merchant;

/// <summary>One entry of an order's delivery log.</summary>
public sealed record DeliveryEvent
{
    public required string OrderId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Type { get; init; }
    /// <summary>Cumulative units delivered at this moment.</summary>
    public long? Delivered { get; init; }
    /// <summary>Count observed on the target at this moment.</summary>
    public long? ObservedCount { get; init; }
    public string? Note { get; init; }
}

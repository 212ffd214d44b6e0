namespace DisputeKit.Core.Merchant;

/// <summary>A refund the shop already made.</summary>
public sealed record Refund
{
    public required string Id { get; init; }
    public string? OrderId { get; init; }
    public string? SubscriptionId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public string? Reason { get; init; }
    public string? StripeRefundId { get; init; }
}

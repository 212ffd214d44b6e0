namespace DisputeKit.Core.Merchant;

/// <summary>An automatic (recurring) service and its renewals.</summary>
public sealed record Subscription
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public SubscriptionService? Service { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? CanceledAt { get; init; }
    public string? Interval { get; init; }
    public IReadOnlyList<SubscriptionRenewal> Renewals { get; init; } = [];
}

/// <summary>The service of a subscription (all fields optional in the format).</summary>
public sealed record SubscriptionService
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Kind { get; init; }
}

/// <summary>One automatic renewal charge.</summary>
public sealed record SubscriptionRenewal
{
    public required DateTimeOffset At { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public string? StripeChargeId { get; init; }
}

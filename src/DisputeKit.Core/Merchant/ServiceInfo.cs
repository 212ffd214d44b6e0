namespace DisputeKit.Core.Merchant;

/// <summary>The service an order or subscription is for.</summary>
public sealed record ServiceInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Platform { get; init; }
    public required string Kind { get; init; }
    /// <summary>Hours within which the shop promises to start delivery.</summary>
    public double? StartWithinHours { get; init; }
    /// <summary>Days of the drop guarantee (refill period) after completion.</summary>
    public double? RefillDays { get; init; }
    public string? TargetCountry { get; init; }
}

namespace DisputeKit.Core.Merchant;

/// <summary>A login or other use of the shop account.</summary>
public sealed record AccountActivity
{
    public required string CustomerId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Type { get; init; }
    public string? Ip { get; init; }
    public string? DeviceFingerprint { get; init; }
    public string? UserAgent { get; init; }
}

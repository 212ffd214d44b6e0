namespace DisputeKit.Core.Merchant;

/// <summary>What the checkout captured about the payment.</summary>
public sealed record PaymentInfo
{
    public string? StripeChargeId { get; init; }
    public string? StripePaymentIntentId { get; init; }
    public string? PurchaseIp { get; init; }
    public string? DeviceFingerprint { get; init; }
    public string? UserAgent { get; init; }
}

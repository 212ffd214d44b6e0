namespace DisputeKit.Core.Merchant;

/// <summary>What the checkout captured about the payment.</summary>
public sealed record PaymentInfo
{
    public string? StripeChargeId { get; init; }
    public string? StripePaymentIntentId { get; init; }
    public string? PurchaseIp { get; init; }
    /// <summary>The shop's own device fingerprint; Visa CE 3.0 counts it from 20 characters.</summary>
    public string? DeviceFingerprint { get; init; }
    /// <summary>
    /// A device id captured at checkout (<c>payment.device_id</c>, optional, beyond the format's own
    /// fields); Visa CE 3.0 counts it from 15 characters.
    /// </summary>
    public string? DeviceId { get; init; }
    public string? UserAgent { get; init; }
}

namespace DisputeKit.Core.Disputes;

/// <summary>The Stripe charge fields the gatherer uses.</summary>
public sealed record ChargeDetails
{
    public required string Id { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public string? CustomerId { get; init; }
    public string? PaymentIntentId { get; init; }
    public string? BillingEmail { get; init; }
    public string? BillingName { get; init; }
    public string? ReceiptEmail { get; init; }
    public string? CardFingerprint { get; init; }
    public string? CardLast4 { get; init; }
    public string? CardBrand { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    /// <summary>Refunded so far, minor units.</summary>
    public long AmountRefunded { get; init; }
    /// <summary>Whether the charge has been disputed.</summary>
    public bool Disputed { get; init; }

    /// <summary>What is left to refund.</summary>
    public long Refundable => Math.Max(0, Amount - AmountRefunded);
}

namespace DisputeKit.Core.Disputes;

/// <summary>Visa Compelling Evidence 3.0 for <c>evidence[enhanced_evidence][visa_compelling_evidence_3]</c>.</summary>
public sealed record VisaCompellingEvidence3
{
    public required Ce3Transaction DisputedTransaction { get; init; }
    /// <summary>Exactly two prior undisputed charges on the same card, each with its charge id.</summary>
    public required IReadOnlyList<Ce3Transaction> PriorUndisputedTransactions { get; init; }
}

/// <summary>The identifiers one transaction shares with the others (Stripe's field names).</summary>
public sealed record Ce3Transaction
{
    /// <summary>Required for prior transactions; not sent for the disputed one.</summary>
    public string? Charge { get; init; }
    public string? CustomerAccountId { get; init; }
    public string? CustomerDeviceFingerprint { get; init; }
    public string? CustomerDeviceId { get; init; }
    public string? CustomerEmailAddress { get; init; }
    public string? CustomerPurchaseIp { get; init; }
    public string? ProductDescription { get; init; }
    /// <summary><c>merchandise</c> or <c>services</c>; disputed transaction only.</summary>
    public string? MerchandiseOrServices { get; init; }
}

namespace DisputeKit.Core.Warnings;

/// <summary>
/// A Stripe Radar early fraud warning: the card network's report (Visa TC40, Mastercard SAFE)
/// that the cardholder says a charge was fraudulent. About 80% become a fraud dispute when
/// nothing is done; refunding the charge first avoids the dispute and its fee.
/// </summary>
public sealed record EarlyFraudWarning
{
    /// <summary>Stripe's id (<c>issfr_…</c>).</summary>
    public required string Id { get; init; }
    public required string ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    /// <summary>The issuer's label: <c>made_with_stolen_card</c>, <c>unauthorized_use_of_card</c>, <c>card_never_received</c>, …</summary>
    public required string FraudType { get; init; }
    /// <summary>True while the charge is neither disputed nor fully refunded: only then can anything be done.</summary>
    public required bool Actionable { get; init; }
    public required DateTimeOffset Created { get; init; }
    public bool Livemode { get; init; }
}

/// <summary>A refund DisputeKit asks Stripe for: the charge, the amount (minor units), the reason Stripe records, and metadata naming the warning.</summary>
public sealed record RefundRequest(string ChargeId, long Amount, string? Reason, IReadOnlyDictionary<string, string> Metadata);

/// <summary>Stripe's answer to a refund: its id (<c>re_…</c>), amount and status.</summary>
public sealed record RefundResult(string Id, long Amount, string Status);

/// <summary>Port to Stripe's early fraud warnings and refunds.</summary>
public interface IWarningGateway
{
    /// <summary>The warnings Stripe made since <paramref name="since"/>, newest first, across all pages.</summary>
    IAsyncEnumerable<EarlyFraudWarning> ListWarningsAsync(DateTimeOffset since, CancellationToken cancellationToken);

    Task<EarlyFraudWarning> GetWarningAsync(string warningId, CancellationToken cancellationToken);

    /// <summary>Refunds part or all of a charge under <paramref name="idempotencyKey"/>: sent again with the same key, Stripe replays the first answer.</summary>
    Task<RefundResult> RefundAsync(RefundRequest refund, string idempotencyKey, CancellationToken cancellationToken);
}

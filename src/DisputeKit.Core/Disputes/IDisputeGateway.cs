namespace DisputeKit.Core.Disputes;

/// <summary>Port to the payment provider's dispute API (Stripe, or its local fake).</summary>
public interface IDisputeGateway
{
    /// <summary>Every dispute on the account, newest first, across all pages.</summary>
    IAsyncEnumerable<Dispute> ListDisputesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The dispute events Stripe made after <paramref name="since"/> (<c>GET /v1/events</c>,
    /// <c>charge.dispute.*</c>), across all pages: what was missed while no webhook was received.
    /// </summary>
    IAsyncEnumerable<Events.StripeEvent> ListEventsAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The dispute as Stripe holds it right now.</summary>
    Task<Dispute> GetDisputeAsync(string disputeId, CancellationToken cancellationToken);

    Task<ChargeDetails> GetChargeAsync(string chargeId, CancellationToken cancellationToken);

    /// <summary>Uploads a file for dispute evidence and returns its file id.</summary>
    Task<string> UploadEvidenceFileAsync(
        string fileName, ReadOnlyMemory<byte> content, string contentType, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Sends evidence. With <paramref name="submit"/> false it is only staged; true sends it
    /// to the bank and cannot be undone.
    /// </summary>
    Task<Dispute> UpdateEvidenceAsync(
        string disputeId, EvidenceUpdate evidence, bool submit, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Accepts the dispute: the customer keeps the money. Cannot be undone.</summary>
    Task<Dispute> CloseDisputeAsync(string disputeId, string idempotencyKey, CancellationToken cancellationToken);
}

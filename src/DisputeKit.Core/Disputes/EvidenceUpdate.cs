namespace DisputeKit.Core.Disputes;

/// <summary>
/// Evidence to send for one dispute: Stripe's flat text and file-id fields by their wire
/// names (e.g. <c>product_description</c>, <c>service_documentation</c>), plus metadata.
/// </summary>
public sealed record EvidenceUpdate
{
    public required IReadOnlyDictionary<string, string> Fields { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    /// <summary>Fields whose text from the seller's records held control characters, removed before sending.</summary>
    public IReadOnlyList<string> ControlsRemoved { get; init; } = [];
    /// <summary>Visa CE 3.0 data, for fraud disputes that qualify.</summary>
    public VisaCompellingEvidence3? VisaCompellingEvidence3 { get; init; }
    /// <summary>An appeal of a lost dispute (<c>evidence[appeal][card]</c>), sent in place of the first answer's fields.</summary>
    public AppealEvidence? Appeal { get; init; }
    /// <summary>
    /// The compliance fee a person acknowledged (<see cref="ComplianceDisputes.Visa"/> or
    /// <see cref="ComplianceDisputes.Mastercard"/>), sent as <c>enhanced_evidence[…][fee_acknowledged]</c>;
    /// only ever set by a person's <c>submit --acknowledge-fee</c>.
    /// </summary>
    public string? ComplianceFeeAcknowledged { get; init; }
    /// <summary>Who submits at the deadline (<c>intended_submission_method</c>); set on every staging, so Smart Disputes never submits what the merchant did not choose.</summary>
    public string? IntendedSubmissionMethod { get; init; }
}

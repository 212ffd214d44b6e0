namespace DisputeKit.Core.Disputes;

/// <summary>The Stripe dispute fields DisputeKit works from. Amounts in minor units.</summary>
public sealed record Dispute
{
    public required string Id { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required string ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }
    /// <summary>Stripe's reason; an open set (see <see cref="DisputeReason"/>).</summary>
    public required string Reason { get; init; }
    /// <summary>Stripe's status; an open set (see <see cref="DisputeStatus"/>).</summary>
    public required string Status { get; init; }
    public required DateTimeOffset Created { get; init; }
    /// <summary>Deadline for evidence; null when no response is allowed.</summary>
    public DateTimeOffset? DueBy { get; init; }
    public bool HasEvidence { get; init; }
    /// <summary>The evidence Stripe holds now: its text and file-id fields that are set, by wire name.</summary>
    public IReadOnlyDictionary<string, string> Evidence { get; init; } = new Dictionary<string, string>();
    /// <summary>The appeal evidence Stripe holds now, as flat fields (<see cref="AppealEvidence.Flatten"/>); empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> Appeal { get; init; } = new Dictionary<string, string>();
    public bool PastDue { get; init; }
    /// <summary>The money the dispute moved (its balance transactions).</summary>
    public IReadOnlyList<DisputeMoney> Money { get; init; } = [];
    public int SubmissionCount { get; init; }
    /// <summary>How evidence was submitted (<c>evidence_details.submission_method</c>): <c>manual</c>, <c>smart_disputes</c>, <c>not_submitted</c>; null when Stripe does not say.</summary>
    public string? SubmissionMethod { get; init; }
    /// <summary>Who is to submit at the deadline (<c>intended_submission_method</c>): <c>manual</c>, <c>prefer_manual</c>, <c>prefer_smart_disputes</c>, <c>smart_disputes</c>; null where Smart Disputes is not on.</summary>
    public string? IntendedSubmissionMethod { get; init; }
    public string? NetworkReasonCode { get; init; }
    public string? CardBrand { get; init; }
    public string? CaseType { get; init; }
    public bool IsChargeRefundable { get; init; }
    public bool Livemode { get; init; }
    public IReadOnlyList<string> EnhancedEligibilityTypes { get; init; } = [];
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    /// <summary>The charge, when it was expanded on retrieval.</summary>
    public ChargeDetails? Charge { get; init; }
}

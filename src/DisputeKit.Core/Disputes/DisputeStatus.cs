namespace DisputeKit.Core.Disputes;

/// <summary>Stripe's dispute statuses. Stripe may add more.</summary>
public static class DisputeStatus
{
    public const string WarningNeedsResponse = "warning_needs_response";
    public const string WarningUnderReview = "warning_under_review";
    public const string WarningClosed = "warning_closed";
    public const string NeedsResponse = "needs_response";
    public const string UnderReview = "under_review";
    public const string Won = "won";
    public const string Lost = "lost";
    public const string Prevented = "prevented";
    /// <summary>A lost dispute the merchant may appeal, until the new <c>due_by</c> (endive).</summary>
    public const string AppealNeedsResponse = "appeal_needs_response";
    public const string AppealUnderReview = "appeal_under_review";

    /// <summary>Statuses in which Stripe accepts evidence (an appeal's included).</summary>
    public static bool AcceptsEvidence(string status) => status is NeedsResponse or WarningNeedsResponse or AppealNeedsResponse;
}

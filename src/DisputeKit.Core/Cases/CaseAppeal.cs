namespace DisputeKit.Core.Cases;

/// <summary>
/// A lost case reopened because Stripe lets the merchant appeal it: when, until when, what the
/// appeal argues and which files already sent support it, and the first answer's submission
/// key (the case's own submission fields now belong to the appeal).
/// </summary>
public sealed record CaseAppeal
{
    public required DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? DueBy { get; init; }
    /// <summary>Stripe's submission count when the appeal opened: a higher count means the appeal went in.</summary>
    public int SubmissionsBefore { get; init; }
    /// <summary>The key the first answer was submitted under.</summary>
    public string? FirstSubmitKey { get; init; }
    public DateTimeOffset? FirstSubmittedAt { get; init; }
    public required IReadOnlyList<string> SupportingFiles { get; init; }
    /// <summary>Characters of <c>reason_for_filing</c> (the text is built from the case again whenever it is needed, and is staged on Stripe).</summary>
    public int ReasonLength { get; init; }
}

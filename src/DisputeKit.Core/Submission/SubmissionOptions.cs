using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Core.Submission;

/// <summary>When staged evidence is sent to the bank (section <c>DisputeKit:Submission</c>).</summary>
public sealed class SubmissionOptions
{
    public const string SectionName = "DisputeKit:Submission";

    /// <summary><c>Review</c> (default): evidence is only staged and a person submits. <c>Auto</c>: fought cases are submitted once their deadline is within <see cref="MarginHours"/>.</summary>
    public SubmissionMode Mode { get; set; } = SubmissionMode.Review;

    /// <summary>
    /// Hours before <c>due_by</c> at which <c>Auto</c> submits, and within which a case that is
    /// still not staged is reported as urgent. Default 48.
    /// </summary>
    [Range(1, 24 * 30)]
    public int MarginHours { get; set; } = 48;

    public TimeSpan Margin => TimeSpan.FromHours(MarginHours);

    /// <summary>
    /// Stripe's <c>intended_submission_method</c>, sent with every staging: <c>manual</c> (default:
    /// only DisputeKit or a person submits; Smart Disputes never does, nor takes its share of what
    /// is won), <c>prefer_manual</c>, <c>prefer_smart_disputes</c> or <c>smart_disputes</c>.
    /// </summary>
    [AllowedValues("manual", "prefer_manual", "prefer_smart_disputes", "smart_disputes",
        ErrorMessage = "DisputeKit:Submission:StripeMethod must be manual, prefer_manual, prefer_smart_disputes or smart_disputes.")]
    public string StripeMethod { get; set; } = "manual";
}

public enum SubmissionMode
{
    Review,
    Auto,
}

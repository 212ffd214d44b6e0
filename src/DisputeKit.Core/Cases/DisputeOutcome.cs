namespace DisputeKit.Core.Cases;

/// <summary>How a dispute ended, as Stripe closed it, and whether the seller had answered it.</summary>
public sealed record DisputeOutcome
{
    /// <summary><c>won</c>, <c>lost</c>, <c>warning_closed</c> (an inquiry that never became a chargeback) or <c>prevented</c>.</summary>
    public required string Status { get; init; }
    /// <summary>When DisputeKit learned it (the event, poll or sweep that read the dispute closed).</summary>
    public required DateTimeOffset RecordedAt { get; init; }
    /// <summary>Evidence had been submitted, by DisputeKit or elsewhere: the outcome counts for the win rates.</summary>
    public required bool Fought { get; init; }
}

namespace DisputeKit.Core.Cases;

/// <summary>Where a dispute case stands.</summary>
public enum CaseState
{
    Discovered,
    Gathered,
    Decided,
    Rendered,
    Uploaded,
    Staged,
    Submitted,
    Accepted,
    /// <summary>A person must decide (review, refund owed, no matching order, evidence staged elsewhere).</summary>
    SetAside,
    /// <summary>No response is possible or needed (status, past due, already submitted).</summary>
    Skipped,
    Failed,
}

namespace DisputeKit.Core.Cases;

/// <summary>
/// Where a dispute case stands. Which state may follow which is <see cref="CaseLifecycle"/>'s
/// table; the order of the members means nothing.
/// </summary>
public enum CaseState
{
    Discovered,
    Gathered,
    Decided,
    Rendered,
    /// <summary>The pack is on Stripe; the documents beside it are not yet.</summary>
    PackUploaded,
    /// <summary>The pack and every document beside it that fits the budget are on Stripe.</summary>
    Uploaded,
    Staged,
    Submitted,
    Accepted,
    /// <summary>A person must decide (review, refund owed, no matching order, evidence staged elsewhere).</summary>
    SetAside,
    /// <summary>No response is possible or needed (status, past due, already submitted).</summary>
    Skipped,
    /// <summary>A step failed; <see cref="DisputeCase.FailedStep"/> and <see cref="DisputeCase.ResumeFrom"/> say which and where the retry resumes.</summary>
    Failed,
}

/// <summary>How a state is written: its wire name (<c>set_aside</c>, as the stores and JSON keep it) and its label for people (<c>set aside</c>).</summary>
public static class CaseStateNames
{
    public static string Name(CaseState state) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    public static string Label(CaseState state) => Name(state).Replace('_', ' ');
}

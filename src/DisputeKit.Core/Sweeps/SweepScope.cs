namespace DisputeKit.Core.Sweeps;

/// <summary>Which disputes a run works.</summary>
public enum SweepScope
{
    /// <summary>Every dispute on the account: the nightly sweep and the <c>sweep</c> command.</summary>
    All,

    /// <summary>Disputes without a case yet, or whose case is unfinished or failed: the frequent poll.</summary>
    New,
}

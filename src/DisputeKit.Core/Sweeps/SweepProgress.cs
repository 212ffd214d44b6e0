using DisputeKit.Core.Cases;

namespace DisputeKit.Core.Sweeps;

/// <summary>How far a sweep has got: <paramref name="Done"/> of <paramref name="Total"/> disputes, the last one and where it ended.</summary>
public sealed record SweepProgress(int Done, int Total, string? DisputeId = null, CaseState? State = null);

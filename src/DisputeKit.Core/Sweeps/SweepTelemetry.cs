using DisputeKit.Core.Cases;

namespace DisputeKit.Core.Sweeps;

/// <summary>What one sweep cost and where the cases stand after it; written with its summary.</summary>
public sealed record SweepTelemetry
{
    public required double DurationSeconds { get; init; }
    public required long StripeCalls { get; init; }
    public required long StripeRetries { get; init; }
    /// <summary>Documents loaded into Chromium and printed during the sweep (a pack rendered at two trim levels counts twice).</summary>
    public long ChromiumLoads { get; init; }
    /// <summary>Every known case by state after the sweep, including those the sweep did not touch.</summary>
    public required IReadOnlyDictionary<CaseState, int> CasesByState { get; init; }
}

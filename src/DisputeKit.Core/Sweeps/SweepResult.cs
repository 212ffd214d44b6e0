using DisputeKit.Core.Cases;

namespace DisputeKit.Core.Sweeps;

/// <summary>The summary of one sweep.</summary>
public sealed record SweepResult
{
    public SweepScope Scope { get; init; } = SweepScope.All;
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required IReadOnlyList<CaseOutcome> Outcomes { get; init; }
    public SweepTelemetry? Telemetry { get; init; }
    /// <summary>What the upkeep after the sweep did to open flags (lifted on withdrawal, customer wrote in, expired).</summary>
    public Accounts.FlagUpkeepResult? Flags { get; init; }

    public int Changed => Outcomes.Count(o => o.Changed);

    public int Urgent => Outcomes.Count(o => o.Urgent);

    public int Count(CaseState state) => Outcomes.Count(o => o.State == state);
}

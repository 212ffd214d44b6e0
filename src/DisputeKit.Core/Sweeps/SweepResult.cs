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
    /// <summary>What the poll of early fraud warnings did after the disputes.</summary>
    public Warnings.WarningSweep? Warnings { get; init; }
    /// <summary>Stored cases that could not be read, whether or not Stripe listed their dispute; each left untouched for a person.</summary>
    public IReadOnlyList<UnreadableCase> Unreadable { get; init; } = [];

    public int Changed => Outcomes.Count(o => o.Changed);

    public int Urgent => Outcomes.Count(o => o.Urgent);

    /// <summary>Outcomes in this state that this sweep worked (a case another process was working is counted by that one).</summary>
    public int Count(CaseState state) => Outcomes.Count(o => o.State == state && !o.ClaimedElsewhere);

    /// <summary>Disputes another process (a sweep, or a person's command) was working when this sweep came to them.</summary>
    public int Elsewhere => Outcomes.Count(o => o.ClaimedElsewhere);
}

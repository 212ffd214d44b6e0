using DisputeKit.Core.Cases;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// The summary of one sweep, added up as it went (<see cref="SweepTally"/>): counts, and a few
/// outcomes to show. Every outcome is in the sweep's log (<see cref="ISweepLog"/>).
/// </summary>
public sealed record SweepResult
{
    public SweepScope Scope { get; init; } = SweepScope.All;
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    /// <summary>Disputes the sweep came to (those the poll had nothing to do for are not counted).</summary>
    public int Disputes { get; init; }
    public int Changed { get; init; }
    public int Urgent { get; init; }
    /// <summary>Disputes another process (a sweep, or a person's command) was working when this sweep came to them.</summary>
    public int Elsewhere { get; init; }
    /// <summary>The disputes this sweep worked, by the state it left them in (a case another process was working is counted by that one).</summary>
    public IReadOnlyDictionary<CaseState, int> Worked { get; init; } = new Dictionary<CaseState, int>();
    /// <summary>The most valuable outcomes, most valuable first: at most <see cref="SweepTally.Shown"/>, so every one when the sweep had no more.</summary>
    public IReadOnlyList<CaseOutcome> Valuable { get; init; } = [];
    /// <summary>The most urgent of the <see cref="Urgent"/> outcomes, soonest deadline first: at most <see cref="SweepTally.Shown"/>.</summary>
    public IReadOnlyList<CaseOutcome> UrgentShown { get; init; } = [];
    public SweepTelemetry? Telemetry { get; init; }
    /// <summary>What the upkeep after the sweep did to open flags (lifted on withdrawal, customer wrote in, expired).</summary>
    public Accounts.FlagUpkeepResult? Flags { get; init; }
    /// <summary>What the sync of the support sources did before the disputes; null when none is configured.</summary>
    public Support.SupportSyncResult? Support { get; init; }
    /// <summary>What the poll of early fraud warnings did after the disputes.</summary>
    public Warnings.WarningSweep? Warnings { get; init; }
    /// <summary>Stored cases that could not be read, whether or not Stripe listed their dispute; each left untouched for a person.</summary>
    public IReadOnlyList<UnreadableCase> Unreadable { get; init; } = [];

    /// <summary>Outcomes in this state that this sweep worked.</summary>
    public int Count(CaseState state) => Worked.GetValueOrDefault(state);
}

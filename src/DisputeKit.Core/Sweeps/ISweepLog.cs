namespace DisputeKit.Core.Sweeps;

/// <summary>Port to where each sweep's summary and every one of its outcomes are written.</summary>
public interface ISweepLog
{
    /// <summary>
    /// Starts the record of a sweep. Its outcomes are written as they come, never held; the
    /// record becomes the sweep's summary only when <see cref="ISweepRecord.FinishAsync"/> is
    /// called, and a record disposed before that (a sweep that stopped) leaves nothing behind.
    /// </summary>
    Task<ISweepRecord> BeginAsync(SweepScope scope, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>The most recent sweep's headline, or null when none has run.</summary>
    Task<LastSweep?> LatestAsync(CancellationToken cancellationToken);
}

/// <summary>One sweep's record, being written.</summary>
public interface ISweepRecord : IAsyncDisposable
{
    /// <summary>Writes one outcome. Safe to call from several tasks at once.</summary>
    void Add(CaseOutcome outcome);

    /// <summary>Writes the summary and keeps the record; the outcomes added are in it, in the order they came.</summary>
    Task FinishAsync(SweepResult result, CancellationToken cancellationToken);
}

/// <summary>The headline of one written sweep summary.</summary>
public sealed record LastSweep(SweepScope Scope, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int Disputes, int Failed, int Urgent);

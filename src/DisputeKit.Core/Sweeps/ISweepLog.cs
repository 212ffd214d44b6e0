namespace DisputeKit.Core.Sweeps;

/// <summary>Port to where sweep summaries are written after every run.</summary>
public interface ISweepLog
{
    Task WriteAsync(SweepResult result, CancellationToken cancellationToken);

    /// <summary>The most recent sweep's headline, or null when none has run.</summary>
    Task<LastSweep?> LatestAsync(CancellationToken cancellationToken);
}

/// <summary>The headline of one written sweep summary.</summary>
public sealed record LastSweep(SweepScope Scope, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int Disputes, int Failed, int Urgent);

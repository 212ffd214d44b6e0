namespace DisputeKit.Core.Sweeps;

/// <summary>Port to where sweep summaries are written after every run.</summary>
public interface ISweepLog
{
    Task WriteAsync(SweepResult result, CancellationToken cancellationToken);
}

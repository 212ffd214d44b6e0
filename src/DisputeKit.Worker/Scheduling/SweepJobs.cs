using DisputeKit.Core.Sweeps;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DisputeKit.Worker.Scheduling;

/// <summary>The frequent poll: new and unfinished disputes. Only calls the pipeline.</summary>
[DisallowConcurrentExecution]
internal sealed class PollJob(SweepRunner runner, ILogger<PollJob> logger) : IJob
{
    public static readonly JobKey Key = new("poll", "disputekit");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        SweepJob.RunAsync(runner, SweepScope.New, logger, cancellationToken);
}

/// <summary>The nightly sweep over every dispute, most urgent deadline first. Only calls the pipeline.</summary>
[DisallowConcurrentExecution]
internal sealed class SweepJob(SweepRunner runner, ILogger<SweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("sweep", "disputekit");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        RunAsync(runner, SweepScope.All, logger, cancellationToken);

    internal static async ValueTask RunAsync(SweepRunner runner, SweepScope scope, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var result = await runner.RunAsync(scope, cancellationToken);
            Log.RunFinished(logger, scope, result.Disputes, result.Changed, result.Urgent);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: every finished step is saved; the next run resumes from there.
            Log.RunStopped(logger, scope);
        }
        catch (Exception e)
        {
            // The schedule goes on: the next run tries again. The reason is logged without payloads.
            Log.RunFailed(logger, scope, e.GetType().Name, e.Message);
        }
    }
}

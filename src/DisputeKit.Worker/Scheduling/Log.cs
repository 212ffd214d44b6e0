using DisputeKit.Core.Sweeps;
using Microsoft.Extensions.Logging;

namespace DisputeKit.Worker.Scheduling;

internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Scheduled {Scope} run finished: {Count} disputes, {Changed} changed, {Urgent} urgent")]
    public static partial void RunFinished(ILogger logger, SweepScope scope, int count, int changed, int urgent);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Scheduled {Scope} run stopped by shutdown; the next run resumes from the last saved step")]
    public static partial void RunStopped(ILogger logger, SweepScope scope);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Scheduled {Scope} run failed: {ErrorType}: {Error}")]
    public static partial void RunFailed(ILogger logger, SweepScope scope, string errorType, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Stripe events: {What} failed: {ErrorType}: {Error}; tried again next round")]
    public static partial void EventsFailed(ILogger logger, string what, string errorType, string error);
}

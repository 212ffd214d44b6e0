using Microsoft.Extensions.Logging;

namespace DisputeKit.Core.Sweeps;

internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Sweep started: {Count} disputes listed")]
    public static partial void SweepStarted(ILogger logger, int count);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Sweep finished: {Count} disputes, {Changed} changed")]
    public static partial void SweepFinished(ILogger logger, int count, int changed);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Dispute {DisputeId} skipped: {Reason}")]
    public static partial void CaseSkipped(ILogger logger, string disputeId, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Dispute {DisputeId}: evidence staged (submit=false)")]
    public static partial void CaseStaged(ILogger logger, string disputeId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Dispute {DisputeId} failed: {ErrorType}: {Error}")]
    public static partial void CaseFailed(ILogger logger, string disputeId, string errorType, string error);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Dispute {DisputeId}: evidence submitted to the bank ({Why})")]
    public static partial void CaseSubmitted(ILogger logger, string disputeId, string why);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "URGENT: dispute {DisputeId} is due {DueBy:u} and nothing has been sent to the bank (case {State})")]
    public static partial void CaseUrgent(ILogger logger, string disputeId, DateTimeOffset dueBy, DisputeKit.Core.Cases.CaseState state);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Dispute {DisputeId} is being worked by another DisputeKit process; this sweep leaves it to that one")]
    public static partial void CaseClaimedElsewhere(ILogger logger, string disputeId);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Dispute {DisputeId}: Stripe refused the evidence as over the network's page limit ({Pages} pages); rendering again at trim level {Level}")]
    public static partial void CaseShortened(ILogger logger, string disputeId, int pages, int level);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "Keeping flags up to date after the sweep failed ({Error}: {Message}); the next sweep tries again")]
    public static partial void FlagUpkeepFailed(ILogger logger, string error, string message);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Error, Message = "Reading early fraud warnings after the sweep failed ({Error}: {Message}); the next poll tries again")]
    public static partial void WarningsFailed(ILogger logger, string error, string message);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Error, Message = "Syncing the support sources before the sweep failed ({Error}: {Message}); while a source is out of date, no customer is found to have not written in")]
    public static partial void SupportFailed(ILogger logger, string error, string message);
}

using Microsoft.Extensions.Logging;

namespace DisputeKit.Core.Events;

internal static partial class Log
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Event {EventId} waits: {DisputeId} is being worked by another process, or could not be worked now")]
    public static partial void EventWaits(ILogger logger, string eventId, string disputeId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Event {EventId} ({Type}) worked {DisputeId}: {Result}")]
    public static partial void EventWorked(ILogger logger, string eventId, string type, string disputeId, string result);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Caught up on {Count} Stripe events not received since {Since:u}")]
    public static partial void CaughtUp(ILogger logger, int count, DateTimeOffset since);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Event {EventId} for {DisputeId} waits for the next round: {ErrorType}: {Error}")]
    public static partial void EventFailed(ILogger logger, string eventId, string disputeId, string errorType, string error);
}

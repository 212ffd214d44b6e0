using Microsoft.Extensions.Logging;

namespace DisputeKit.Core.Warnings;

internal static partial class Log
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Early fraud warning {WarningId} on {ChargeId}: {Action}")]
    public static partial void WarningDecided(ILogger logger, string warningId, WarningAction action, string chargeId);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Early fraud warning {WarningId}: charge {ChargeId} refunded ({RefundId})")]
    public static partial void WarningRefunded(ILogger logger, string warningId, string chargeId, string refundId);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Early fraud warning {WarningId} waits for the next poll: {ErrorType}: {Error}")]
    public static partial void WarningFailed(ILogger logger, string warningId, string errorType, string error);
}

namespace DisputeKit.Core.Merchant;

/// <summary>Delivery log event types of the merchant-data format.</summary>
public static class DeliveryEventType
{
    public const string Queued = "queued";
    public const string Started = "started";
    public const string Progress = "progress";
    public const string Completed = "completed";
    public const string Partial = "partial";
    public const string Paused = "paused";
    public const string Resumed = "resumed";
    public const string Canceled = "canceled";
    public const string DropDetected = "drop_detected";
    public const string RefillStarted = "refill_started";
    public const string RefillCompleted = "refill_completed";
    public const string CountSnapshot = "count_snapshot";
    public const string AccountSent = "account_sent";
    public const string AccountLogin = "account_login";
}

namespace DisputeKit.Worker.Scheduling;

/// <summary>When the worker runs (section <c>DisputeKit:Worker</c>). Cron expressions are Quartz's (seconds first).</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "DisputeKit:Worker";

    /// <summary>The poll for new disputes. Default every 15 minutes: <c>0 0/15 * * * ?</c>.</summary>
    public string PollCron { get; set; } = "0 0/15 * * * ?";

    /// <summary>The full sweep over every dispute. Default 02:00 daily: <c>0 0 2 * * ?</c>.</summary>
    public string SweepCron { get; set; } = "0 0 2 * * ?";

    /// <summary>Time zone of both schedules (IANA id, e.g. <c>Europe/Amsterdam</c>). Default <c>UTC</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Poll once as soon as the worker starts, so a restart picks up where the last run stopped. Default true.</summary>
    public bool PollOnStart { get; set; } = true;
}

using Microsoft.Extensions.Options;
using Quartz;

namespace DisputeKit.Worker.Scheduling;

/// <summary>Reports every bad schedule setting at once.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        if (!CronExpression.TryParse(options.PollCron, out _))
        {
            failures.Add($"{WorkerOptions.SectionName}:PollCron '{options.PollCron}' is not a Quartz cron expression (e.g. '0 0/15 * * * ?').");
        }

        if (!CronExpression.TryParse(options.SweepCron, out _))
        {
            failures.Add($"{WorkerOptions.SectionName}:SweepCron '{options.SweepCron}' is not a Quartz cron expression (e.g. '0 0 2 * * ?').");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"{WorkerOptions.SectionName}:TimeZone '{options.TimeZone}' is not a known time zone (e.g. 'UTC', 'Europe/Amsterdam').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

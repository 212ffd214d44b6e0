using DisputeKit.Worker.Scheduling;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static class WorkerServiceCollectionExtensions
{
    /// <summary>
    /// The scheduled worker: Quartz with the poll and the nightly sweep, hosted so that stopping
    /// the process interrupts a running sweep (it stops at the next saved step) and waits for it.
    /// With <paramref name="postgres"/>, the schedule lives in that database and every worker
    /// pointed at it joins one cluster: each firing runs on one of them, and a worker that dies
    /// has its firings recovered by another.
    /// </summary>
    /// <param name="events">Stripe's webhooks are received: the event worker runs too, and catches up on missed events before the first poll.</param>
    public static IServiceCollection AddDisputeKitWorker(this IServiceCollection services, WorkerOptions options, string? postgres = null, bool events = false)
    {
        if (events)
        {
            // Before Quartz's hosted service: hosted services start in order.
            services.AddHostedService<EventWorker>();
        }

        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>());

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "disputekit";
                s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });
            if (postgres is not null)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(postgres);
                    store.UseSystemTextJsonSerializer();
                    store.ProvisionSchema();
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(10);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
                    });
                });
            }

            q.AddJob<PollJob>(j => j.WithIdentity(PollJob.Key));
            q.AddJob<SweepJob>(j => j.WithIdentity(SweepJob.Key));
            if (CronExpression.TryParse(options.PollCron, out _))
            {
                q.AddTrigger(t => t.ForJob(PollJob.Key).WithIdentity("poll-cron", "disputekit")
                    .WithCronSchedule(options.PollCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
            }

            if (CronExpression.TryParse(options.SweepCron, out _))
            {
                // With a persistent job store, a nightly sweep missed while every worker was down runs once when one comes back.
                q.AddTrigger(t => t.ForJob(SweepJob.Key).WithIdentity("sweep-cron", "disputekit")
                    .WithCronSchedule(options.SweepCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }

            if (options.PollOnStart)
            {
                q.RunAtStartup(PollJob.Key);
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}

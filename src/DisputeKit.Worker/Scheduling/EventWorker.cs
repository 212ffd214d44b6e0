using DisputeKit.Core.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DisputeKit.Worker.Scheduling;

/// <summary>
/// Works the Stripe events the webhook keeps, as they arrive: woken by each new one, and every
/// <see cref="Round"/> for events left waiting (their dispute was being worked elsewhere). At
/// start, before the first poll, it catches up on events missed while no process was receiving.
/// A failure (Stripe or the store down) is logged and tried again next round; events wait.
/// </summary>
internal sealed class EventWorker(EventWork work, EventSignal signal, TimeProvider clock, ILogger<EventWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Round = TimeSpan.FromSeconds(30);

    private bool _caughtUp;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Hosted services start in order and this one is added before Quartz: the poll at start comes after.
        _caughtUp = await TryAsync("catching up on missed events", () => work.CatchUpAsync(cancellationToken), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_caughtUp)
            {
                _caughtUp = await TryAsync("catching up on missed events", () => work.CatchUpAsync(stoppingToken), stoppingToken);
            }

            await TryAsync("working events", () => work.WorkPendingAsync(stoppingToken), stoppingToken);
            try
            {
                await signal.WaitAsync(Round, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<bool> TryAsync(string what, Func<Task<int>> run, CancellationToken cancellationToken)
    {
        try
        {
            await run();
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // Stripe, the store or one event's dispute failed: the events stay kept and are tried again next round.
            Log.EventsFailed(logger, what, e.GetType().Name, e.Message);
            return false;
        }
    }
}

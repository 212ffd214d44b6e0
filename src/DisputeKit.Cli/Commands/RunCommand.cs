using System.CommandLine;
using DisputeKit.Cli.Hosting;

namespace DisputeKit.Cli.Commands;

/// <summary>
/// <c>disputekit run</c>: the scheduled worker and, when someone can sign in to it, the review page,
/// until stopped (Ctrl+C or SIGTERM stops a sweep at the next saved step).
/// </summary>
internal static class RunCommand
{
    public static Command Build()
    {
        var command = new Command("run", "Run the worker (the poll for new disputes every 15 minutes and the nightly sweep at 02:00) and the review page, until stopped.");
        command.SetAction((parse, ct) => CommandHost.RunAsync(true, async app =>
        {
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        }, ct, worker: true, review: ReviewPage.IfConfigured));
        return command;
    }
}

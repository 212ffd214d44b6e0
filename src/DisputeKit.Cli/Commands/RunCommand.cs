using System.CommandLine;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit run</c>: the scheduled worker, until stopped (Ctrl+C or SIGTERM stops it at the next saved step).</summary>
internal static class RunCommand
{
    public static Command Build()
    {
        var command = new Command("run", "Run the worker: the poll for new disputes (every 15 minutes) and the nightly sweep (02:00), until stopped.");
        command.SetAction((parse, ct) => CommandHost.RunAsync(true, async app =>
        {
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        }, ct, worker: true));
        return command;
    }
}

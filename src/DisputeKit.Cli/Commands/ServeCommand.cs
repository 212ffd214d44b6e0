using System.CommandLine;
using DisputeKit.Cli.Hosting;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit serve</c>: the review page alone (no sweeps), until stopped.</summary>
internal static class ServeCommand
{
    public static Command Build()
    {
        var command = new Command("serve", "Serve the review page for flagged accounts (DisputeKit:Review:Url, 127.0.0.1 by default) until stopped; no sweeps run.");
        command.SetAction((parse, ct) => CommandHost.RunAsync(true, async app =>
        {
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        }, ct, review: ReviewPage.Required));
        return command;
    }
}

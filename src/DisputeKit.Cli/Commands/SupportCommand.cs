using System.CommandLine;
using DisputeKit.Core.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit support sync</c>: reads every configured support source from where it stopped, as each sweep does first.</summary>
internal static class SupportCommand
{
    public static Command Build()
    {
        var sync = new Command("sync", "Read each support source (DisputeKit:Support:Sources) from where it stopped, as every sweep and poll does first. Exit 3 when a source could not be read.");
        sync.SetAction((parse, ct) => CommandHost.RunAsync(false, async app =>
        {
            var support = app.Services.GetRequiredService<SupportSync>();
            if (!support.Any)
            {
                Console.WriteLine("No support source is configured (DisputeKit:Support:Sources): prior contact comes from the seller's exported messages alone.");
                return ExitCodes.Ok;
            }

            var result = await support.RunAsync(ct);
            Console.WriteLine(SweepCommand.SupportLine(result));
            return result.Failed.Any() ? ExitCodes.Unavailable : ExitCodes.Ok;
        }, ct));

        var command = new Command("support", "The support sources DisputeKit reads itself (the mailbox).");
        command.Subcommands.Add(sync);
        return command;
    }
}

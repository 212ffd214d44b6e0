using System.CommandLine;

namespace DisputeKit.Cli.Commands;

/// <summary>The <c>disputekit</c> command tree.</summary>
public static class CliRoot
{
    public static RootCommand Build()
    {
        var root = new RootCommand("DisputeKit: answers chargebacks from the seller's own records and refund policy.");
        root.Subcommands.Add(SweepCommand.Build());
        root.Subcommands.Add(SamplesCommand.Build());
        return root;
    }
}

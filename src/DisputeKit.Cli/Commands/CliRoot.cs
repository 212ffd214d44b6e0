using System.CommandLine;

namespace DisputeKit.Cli.Commands;

/// <summary>The <c>disputekit</c> command tree.</summary>
public static class CliRoot
{
    public static RootCommand Build()
    {
        var root = new RootCommand("DisputeKit: answers chargebacks from the seller's own records and refund policy.");
        root.Subcommands.Add(SweepCommand.Build());
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(HashPasswordCommand.Build());
        root.Subcommands.Add(DisputesCommand.Build());
        root.Subcommands.Add(CaseCommand.Build());
        root.Subcommands.Add(OutcomesCommand.Build());
        root.Subcommands.Add(ReportCommand.Build());
        root.Subcommands.Add(PackCommand.Build());
        root.Subcommands.Add(SubmitCommand.Build());
        root.Subcommands.Add(HoldCommand.Build());
        root.Subcommands.Add(AcceptCommand.Build());
        root.Subcommands.Add(FlagsCommand.Build());
        root.Subcommands.Add(EfwCommand.Build());
        root.Subcommands.Add(MerchantCommand.Build());
        root.Subcommands.Add(HealthCommand.Build());
        root.Subcommands.Add(SupportCommand.Build());
        root.Subcommands.Add(SamplesCommand.Build());
        return root;
    }
}

using System.CommandLine;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Submission;
using DisputeKit.Storage.Files;
using Microsoft.Extensions.DependencyInjection;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit submit &lt;id&gt;</c>: a person sends the staged evidence to the bank.</summary>
internal static class SubmitCommand
{
    public static Command Build()
    {
        var id = new Argument<string>("dispute") { Description = "The Stripe dispute id (dp_…)." };
        var yes = new Option<bool>("--yes") { Description = "Confirm without asking (submitting cannot be undone)." };
        var fee = new Option<bool>("--acknowledge-fee")
        {
            Description = "For a compliance dispute: accept the card network's fee for answering it (Visa: 500 USD, refunded if won), sent with the submission.",
        };
        var command = new Command("submit", "Submit the staged evidence (or appeal) of one dispute to the bank. Cannot be undone; never after the deadline.");
        command.Arguments.Add(id);
        command.Options.Add(yes);
        command.Options.Add(fee);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false, app => RunAsync(app.Services, parse.GetValue(id)!, parse.GetValue(yes), parse.GetValue(fee), ct), ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string disputeId, bool yes, bool acknowledgeFee, CancellationToken cancellationToken)
    {
        var cases = services.GetRequiredService<ICaseStore>();
        await using var claim = await cases.ClaimAsync(DataFolder.SafeName(disputeId), TimeSpan.FromSeconds(30), cancellationToken);
        var staged = await cases.GetAsync(DataFolder.SafeName(disputeId), cancellationToken);
        if (staged is null)
        {
            await Console.Error.WriteLineAsync($"disputekit: no case for dispute {disputeId}; run a sweep first, or check the id.");
            return ExitCodes.NotFound;
        }

        var allowed = SubmissionPolicy.CanSubmitByHand(staged, services.GetRequiredService<TimeProvider>().GetUtcNow(), acknowledgeFee);
        if (!allowed.Submit)
        {
            await Console.Error.WriteLineAsync($"disputekit: refused: {allowed.Reason}.");
            return ExitCodes.Refused;
        }

        var what = staged.Appeal is null ? "evidence" : "appeal";
        var cost = staged.Compliance is { } kind ? $" {ComplianceDisputes.Fee(kind)}, and you accept that fee." : string.Empty;
        if (!CommandHost.Confirm(yes, $"Submit the {what} for {disputeId} ({Formats.Amount(staged.Amount, staged.Currency)}, due {Formats.Minute(staged.DueBy)} UTC) to the bank?{cost} This cannot be undone."))
        {
            return ExitCodes.Refused;
        }

        var result = await services.GetRequiredService<CaseActions>().SubmitAsync(staged, "submitted by a person", null, acknowledgeFee, cancellationToken);
        await (result.Done ? Console.Out : Console.Error).WriteLineAsync(result.Message);
        return result.Done ? ExitCodes.Ok : ExitCodes.Refused;
    }
}

using System.CommandLine;
using DisputeKit.Core.Cases;
using DisputeKit.Storage.Files;
using Microsoft.Extensions.DependencyInjection;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit accept &lt;id&gt;</c>: close the dispute on Stripe; the customer keeps the money.</summary>
internal static class AcceptCommand
{
    public static Command Build()
    {
        var id = new Argument<string>("dispute") { Description = "The Stripe dispute id (dp_…)." };
        var yes = new Option<bool>("--yes") { Description = "Confirm without asking (accepting cannot be undone)." };
        var command = new Command("accept", "Accept (close) one dispute on Stripe: the customer keeps the money. Cannot be undone.");
        command.Arguments.Add(id);
        command.Options.Add(yes);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false, async app =>
        {
            var disputeId = DataFolder.SafeName(parse.GetValue(id)!);
            if (!CommandHost.Confirm(parse.GetValue(yes), $"Accept dispute {disputeId}? The customer keeps the money and the dispute is closed for good."))
            {
                return ExitCodes.Refused;
            }

            var cases = app.Services.GetRequiredService<ICaseStore>();
            await using var claim = await cases.ClaimAsync(disputeId, TimeSpan.FromSeconds(30), ct);
            var result = await app.Services.GetRequiredService<CaseActions>().AcceptAsync(disputeId, ct);
            await (result.Done ? Console.Out : Console.Error).WriteLineAsync(result.Message);
            return result.Done ? ExitCodes.Ok : ExitCodes.Refused;
        }, ct));
        return command;
    }
}

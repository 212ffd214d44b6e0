using System.CommandLine;
using DisputeKit.Core.Cases;
using DisputeKit.Storage.Files;
using Microsoft.Extensions.DependencyInjection;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit hold &lt;id&gt;</c>: keep auto mode from submitting a case (or, with <c>--release</c>, allow it again).</summary>
internal static class HoldCommand
{
    public static Command Build()
    {
        var id = new Argument<string>("dispute") { Description = "The Stripe dispute id (dp_…)." };
        var release = new Option<bool>("--release") { Description = "Lift the hold." };
        var note = new Option<string?>("--note") { Description = "Why, for the audit trail." };
        var command = new Command("hold", "Put a case on hold: auto mode will not submit it. --release lifts the hold.");
        command.Arguments.Add(id);
        command.Options.Add(release);
        command.Options.Add(note);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false, async app =>
        {
            var disputeId = DataFolder.SafeName(parse.GetValue(id)!);
            await using var claim = await app.Services.GetRequiredService<ICaseStore>().ClaimAsync(disputeId, TimeSpan.FromSeconds(30), ct);
            var result = await app.Services.GetRequiredService<CaseActions>().HoldAsync(disputeId, !parse.GetValue(release), parse.GetValue(note), ct);
            await (result.Done ? Console.Out : Console.Error).WriteLineAsync(result.Message);
            return result.Done ? ExitCodes.Ok : result.Case is null ? ExitCodes.NotFound : ExitCodes.Refused;
        }, ct));
        return command;
    }
}

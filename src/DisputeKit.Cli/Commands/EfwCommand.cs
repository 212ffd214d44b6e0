using System.CommandLine;
using System.Text.Json;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Economics;
using DisputeKit.Core.Formatting;
using DisputeKit.Core.Json;
using DisputeKit.Core.Sweeps;
using DisputeKit.Core.Warnings;
using DisputeKit.Storage.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace DisputeKit.Cli.Commands;

/// <summary>
/// <c>disputekit efw</c>: Stripe Radar's early fraud warnings as DisputeKit decided them, and a
/// person's refund or dismissal of one.
/// </summary>
internal static class EfwCommand
{
    public static Command Build()
    {
        var command = new Command("efw", "Early fraud warnings: list them with DisputeKit's decision, refund or dismiss one.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Refund());
        command.Subcommands.Add(Dismiss());
        return command;
    }

    private static Argument<string> Warning() => new("warning") { Description = "The Stripe early fraud warning id (issfr_…)." };

    private static Option<string> By() => new("--by")
    {
        Description = "Who acts (kept on the warning). Default: the login name.",
        DefaultValueFactory = _ => Environment.UserName,
    };

    private static Command List()
    {
        var open = new Option<bool>("--open") { Description = "Only warnings still waiting for something (proposed, watching, needs a person, refunding)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "Every early fraud warning kept, newest first, with the decision and what was done.");
        command.Options.Add(open);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false, async app =>
        {
            var warnings = (await app.Services.GetRequiredService<IWarningStore>().ListAsync(ct)).Where(w => !parse.GetValue(open) || w.IsOpen).ToList();
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(warnings, DisputeKitJson.Indented));
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("Warning", "Charge", "Warned (UTC)", "Amount", "Fraud type", "Order", "State", "Decision");
            foreach (var w in warnings)
            {
                table.AddRow(
                    Markup.Escape(w.Id), Markup.Escape(w.ChargeId), Formats.Minute(w.WarnedAt), Markup.Escape(Formats.Amount(w.Amount, w.Currency)),
                    Markup.Escape(w.FraudType), Markup.Escape(w.OrderIds.Count == 0 ? "-" : string.Join(", ", w.OrderIds)),
                    Markup.Escape(Name(w.State)), Markup.Escape(Display.Short(w.Decision?.Summary ?? w.Note ?? string.Empty, 70)));
            }

            var console = CommandHost.Terminal();
            console.Write(table);
            var proposed = warnings.Count(w => w.State == WarningState.Proposed);
            console.WriteLine($"{warnings.Count} early fraud warnings; {proposed} refund{(proposed == 1 ? string.Empty : "s")} proposed (disputekit efw refund <id>, or efw dismiss <id>).");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Show()
    {
        var id = Warning();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("show", "One early fraud warning: the decision with its reasons and costs, the refund, and its history.");
        command.Arguments.Add(id);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false, async app =>
        {
            var warningId = DataFolder.SafeName(parse.GetValue(id)!);
            if (await app.Services.GetRequiredService<IWarningStore>().GetAsync(warningId, ct) is not { } w)
            {
                await Console.Error.WriteLineAsync($"No early fraud warning {warningId} is kept; a sweep (or the poll) reads them from Stripe.");
                return ExitCodes.NotFound;
            }

            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(w, DisputeKitJson.Indented));
                return ExitCodes.Ok;
            }

            var console = CommandHost.Terminal();
            console.MarkupLine($"[bold]{Markup.Escape(w.Id)}[/] on {Markup.Escape(w.ChargeId)}: {Markup.Escape(Formats.Amount(w.Amount, w.Currency))}, {Markup.Escape(w.FraudType)}, warned {Formats.Minute(w.WarnedAt)}");
            console.WriteLine($"State: {Name(w.State)}. {w.Note}");
            console.WriteLine($"Order: {(w.OrderIds.Count == 0 ? "none found" : string.Join(", ", w.OrderIds))}; customer: {w.CustomerId ?? "unknown"}");
            if (w.Decision is { } d)
            {
                console.WriteLine($"Decision ({Formats.Minute(d.DecidedAt)}): {d.Action.ToString().ToLowerInvariant()}. {d.Summary}");
                foreach (var reason in d.Reasons)
                {
                    console.WriteLine($"  - {reason}");
                }
            }

            if (w.Refund is { } r)
            {
                console.WriteLine($"Refund: {Formats.Amount(r.Amount, r.Currency)} under key {r.Key.Key}, asked by {r.RequestedBy} at {Formats.Minute(r.RequestedAt)}, {r.Attempts} attempt(s): {(r.RefundId is { } re ? $"{re} ({r.Status})" : "no answer yet")}");
            }

            if (w.BlockedCard is { } card)
            {
                console.WriteLine($"Card blocked on Radar list {card.ListId} ({card.ItemId}).");
            }

            var steps = new Table().Border(TableBorder.Simple).AddColumns("When (UTC)", "State", "By", "Why");
            foreach (var e in w.History)
            {
                steps.AddRow(Formats.Minute(e.At), Markup.Escape(Name(e.State)), Markup.Escape(e.By), Markup.Escape(e.Why));
            }

            console.Write(steps);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Refund()
    {
        var id = Warning();
        var by = By();
        var command = new Command("refund", "Refund the warned charge in full (what is left of it), once: never for a disputed or already refunded charge. Cannot be undone.");
        command.Arguments.Add(id);
        command.Options.Add(by);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false, async app =>
        {
            var warningId = DataFolder.SafeName(parse.GetValue(id)!);
            var context = SweepContext.Of(await KnownCases.ScanAsync(
                app.Services.GetRequiredService<ICaseStore>(), app.Services.GetRequiredService<IOptions<EconomicsOptions>>().Value, ct));
            var answer = await app.Services.GetRequiredService<WarningDesk>().RefundAsync(warningId, parse.GetValue(by)!, context, TimeSpan.FromSeconds(30), ct);
            await (answer.Refused ? Console.Error : Console.Out).WriteLineAsync($"{warningId}: {answer.Message}");
            return answer.Refused ? ExitCodes.Refused : ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Dismiss()
    {
        var id = Warning();
        var by = By();
        var note = new Option<string?>("--note") { Description = "Why no refund (kept on the warning)." };
        var command = new Command("dismiss", "Decide against refunding: the warning is kept, and a dispute that follows is answered as any other.");
        command.Arguments.Add(id);
        command.Options.Add(by);
        command.Options.Add(note);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false, async app =>
        {
            var warningId = DataFolder.SafeName(parse.GetValue(id)!);
            try
            {
                var answer = await app.Services.GetRequiredService<WarningDesk>().DismissAsync(warningId, parse.GetValue(by)!, parse.GetValue(note), TimeSpan.FromSeconds(30), ct);
                await (answer.Refused ? Console.Error : Console.Out).WriteLineAsync($"{warningId}: {answer.Message}");
                return answer.Refused ? ExitCodes.Refused : ExitCodes.Ok;
            }
            catch (KeyNotFoundException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return ExitCodes.NotFound;
            }
        }, ct));
        return command;
    }

    private static string Name(WarningState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());
}

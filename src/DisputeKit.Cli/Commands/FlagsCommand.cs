using System.CommandLine;
using System.Text.Json;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit flags list</c>: accounts flagged for disputing without contacting support.</summary>
internal static class FlagsCommand
{
    public static Command Build()
    {
        var state = new Option<string?>("--state") { Description = "Only flags in this state (proposed, confirmed, lifted, expired)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List flagged accounts, most serious first.");
        list.Options.Add(state);
        list.Options.Add(json);
        list.SetAction((parse, ct) => CommandHost.RunAsync(false, async app =>
        {
            var only = parse.GetValue(state);
            var flags = (await app.Services.GetRequiredService<IFlagStore>().ListAsync(ct))
                .Where(f => only is null || string.Equals(f.State, only, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(f => FlagProposer.SeverityRank(f.Severity))
                .ThenByDescending(f => f.UpdatedAt)
                .ToList();
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(flags, DisputeKitJson.Indented));
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("Customer", "State", "Severity", "Disputes", "Amount", "Suggested action", "Updated (UTC)");
            foreach (var f in flags)
            {
                table.AddRow(
                    Markup.Escape(f.CustomerId),
                    Markup.Escape(f.State),
                    Markup.Escape(f.Severity),
                    Markup.Escape(string.Join(", ", f.Disputes.Select(d => d.DisputeId))),
                    Markup.Escape(string.Join(", ", f.Disputes.GroupBy(d => d.Currency).Select(g => Amounts.Format(g.Sum(d => d.Amount), g.Key)))),
                    Markup.Escape(Display.Short(f.SuggestedAction, 70)),
                    Display.Date(f.UpdatedAt));
            }

            var console = CommandHost.Terminal();
            console.Write(table);
            console.WriteLine($"{flags.Count} flagged accounts.");
            return ExitCodes.Ok;
        }, ct));

        var command = new Command("flags", "Accounts flagged for suspension or limits.");
        command.Subcommands.Add(list);
        return command;
    }
}

using System.CommandLine;
using System.Text.Json;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit flags list</c>: accounts flagged for disputing without contacting support.</summary>
internal static class FlagsCommand
{
    public static Command Build()
    {
        var state = new Option<string?>("--state") { Description = "Only flags in this state: open (proposed or confirmed), proposed, confirmed, lifted, expired or all (the default)." };
        state.AcceptOnlyFromAmong([.. FlagQuery.States]);
        var reason = new Option<string?>("--reason") { Description = "Only flags with a dispute of this reason (fraudulent, product_not_received, …)." };
        var age = new Option<string?>("--age") { Description = "Only flags opened under 7 days ago (under-7), 7 to 30 days ago (7-30) or over 30 days ago (over-30)." };
        age.AcceptOnlyFromAmong([.. FlagQuery.Ages]);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List flagged accounts, the most money at stake first (the review page's list).");
        list.Options.Add(state);
        list.Options.Add(reason);
        list.Options.Add(age);
        list.Options.Add(json);
        list.SetAction((parse, ct) => CommandHost.RunAsync(false, async app =>
        {
            var query = new FlagQuery(parse.GetValue(state), parse.GetValue(reason), parse.GetValue(age));
            var flags = query.Apply(
                await app.Services.GetRequiredService<IFlagStore>().ListAsync(ct),
                app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
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
                    Markup.Escape(string.Join(", ", f.Disputes.GroupBy(d => d.Currency).Select(g => Formats.Amount(g.Sum(d => d.Amount), g.Key)))),
                    Markup.Escape(Display.Short(f.SuggestedAction, 70)),
                    Formats.Minute(f.UpdatedAt));
            }

            var console = CommandHost.Terminal();
            console.Write(table);
            console.WriteLine($"{flags.Count} flagged accounts.");
            return ExitCodes.Ok;
        }, ct));

        var command = new Command("flags", "Accounts flagged for suspension or limits.");
        command.Subcommands.Add(list);
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Confirm());
        command.Subcommands.Add(Lift());
        command.Subcommands.Add(NoteCommand());
        return command;
    }

    private static Argument<string> Customer() => new("customer") { Description = "The customer's id in the shop." };

    private static Option<string> Reason(string what) => new("--reason") { Description = $"Why the flag is {what} (kept on the flag).", Required = true };

    private static Option<string> By() => new("--by")
    {
        Description = "Who acts (kept on the flag). Default: the login name.",
        DefaultValueFactory = _ => Environment.UserName,
    };

    private static Command Show()
    {
        var customer = Customer();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("show", "One customer's flags, newest first: disputes, history (who, when, why) and calls to the shop.");
        command.Arguments.Add(customer);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false, async app =>
        {
            var id = parse.GetValue(customer)!;
            var history = await app.Services.GetRequiredService<IFlagStore>().HistoryAsync(id, ct);
            if (history.Count == 0)
            {
                await Console.Error.WriteLineAsync($"No flag on customer {id}.");
                return ExitCodes.NotFound;
            }

            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(history, DisputeKitJson.Indented));
                return ExitCodes.Ok;
            }

            var console = CommandHost.Terminal();
            foreach (var f in history)
            {
                console.MarkupLine($"[bold]{Markup.Escape(f.Id)}[/]: {Markup.Escape(f.State)}{Markup.Escape(f.Action is { } a ? $" ({a})" : string.Empty)}, severity {Markup.Escape(f.Severity)}, suggested {Markup.Escape(f.SuggestedAction)}");
                if (f.NeedsPerson)
                {
                    console.WriteLine("  A card-theft claim is among its disputes: only a person may confirm it.");
                }

                var disputes = new Table().Border(TableBorder.Simple).AddColumns("Dispute", "Reason", "Amount", "Why");
                foreach (var d in f.Disputes)
                {
                    disputes.AddRow(Markup.Escape(d.DisputeId), Markup.Escape(d.DisputeReason), Markup.Escape(Formats.Amount(d.Amount, d.Currency)), Markup.Escape(d.Why));
                }

                console.Write(disputes);
                var steps = new Table().Border(TableBorder.Simple).AddColumns("When (UTC)", "Change", "By", "Why");
                foreach (var e in f.History)
                {
                    steps.AddRow(Formats.Minute(e.At), Markup.Escape(e.From == e.To ? "note" : $"{(e.From.Length == 0 ? "new" : e.From)} → {e.To}"),
                        Markup.Escape(e.By + (e.ByPerson ? string.Empty : " (automatic)")), Markup.Escape(e.Why));
                }

                console.Write(steps);
                foreach (var call in f.ShopCalls)
                {
                    console.WriteLine($"  shop {call.Action} via {call.Target} at {Formats.Minute(call.At)}: {(call.Succeeded ? "done" : "not done")} — {call.Answer}");
                }

                console.WriteLine();
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Confirm()
    {
        var customer = Customer();
        var action = new Option<string>("--action") { Description = "suspend or limit (purchases limited until resolved).", Required = true };
        action.AcceptOnlyFromAmong([.. FlagDesk.ConfirmActions]);
        var reason = Reason("confirmed");
        var by = By();
        var command = new Command("confirm", "Confirm the customer's open flag: the shop suspends or limits the account (the configured account action), and the answer is kept.");
        command.Arguments.Add(customer);
        command.Options.Add(action);
        command.Options.Add(reason);
        command.Options.Add(by);
        command.SetAction((parse, ct) => Act(parse.GetValue(by)!, (desk, person) =>
            desk.ConfirmAsync(parse.GetValue(customer)!, parse.GetValue(action)!, person, parse.GetValue(reason)!, ct), ct));
        return command;
    }

    private static Command Lift()
    {
        var customer = Customer();
        var reason = Reason("lifted");
        var by = By();
        var command = new Command("lift", "Lift the customer's open flag; a confirmed one is first undone in the shop (restore).");
        command.Arguments.Add(customer);
        command.Options.Add(reason);
        command.Options.Add(by);
        command.SetAction((parse, ct) => Act(parse.GetValue(by)!, (desk, person) =>
            desk.LiftAsync(parse.GetValue(customer)!, person, parse.GetValue(reason)!, ct), ct));
        return command;
    }

    private static Command NoteCommand()
    {
        var customer = Customer();
        var text = new Argument<string>("text") { Description = "The note." };
        var by = By();
        var command = new Command("note", "Add a note to the customer's open flag.");
        command.Arguments.Add(customer);
        command.Arguments.Add(text);
        command.Options.Add(by);
        command.SetAction((parse, ct) => Act(parse.GetValue(by)!, (desk, person) =>
            desk.NoteAsync(parse.GetValue(customer)!, person, parse.GetValue(text)!, ct), ct));
        return command;
    }

    /// <summary>Runs one action as the named person and says what came of it, with the exit code to match.</summary>
    private static Task<int> Act(string by, Func<FlagDesk, FlagActor, Task<FlagOutcome>> act, CancellationToken cancellationToken) =>
        CommandHost.RunAsync(false, async app =>
        {
            if (string.IsNullOrWhiteSpace(by))
            {
                await Console.Error.WriteLineAsync("Say who acts (--by).");
                return ExitCodes.BadInput;
            }

            var outcome = await act(app.Services.GetRequiredService<FlagDesk>(), FlagActor.Person(by));
            await (outcome.Kind == FlagOutcomeKind.Done ? Console.Out : Console.Error).WriteLineAsync(outcome.Message);
            return outcome.Kind switch
            {
                FlagOutcomeKind.Done => ExitCodes.Ok,
                FlagOutcomeKind.Invalid => ExitCodes.BadInput,
                FlagOutcomeKind.NotFound => ExitCodes.NotFound,
                FlagOutcomeKind.ShopFailed => ExitCodes.Unavailable,
                _ => ExitCodes.Refused,
            };
        }, cancellationToken);
}

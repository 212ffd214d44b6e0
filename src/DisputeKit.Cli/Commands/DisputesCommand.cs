using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using DisputeKit.Core.Submission;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit disputes list</c>: every case DisputeKit holds, sortable, as a table or JSON.</summary>
internal static class DisputesCommand
{
    private static readonly string[] SortKeys = ["due", "amount", "value", "state", "reason", "status"];

    public static Command Build()
    {
        var sort = new Option<string>("--sort") { Description = "Order by due (default), amount, value, state, reason or status.", DefaultValueFactory = _ => "due" };
        sort.AcceptOnlyFromAmong(SortKeys);
        var state = new Option<string?>("--state") { Description = "Only cases in this state (e.g. staged, set_aside, failed)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List the disputes DisputeKit has cases for: status, reason, amount, verdict, state and days left.");
        list.Options.Add(sort);
        list.Options.Add(state);
        list.Options.Add(json);
        list.SetAction((parse, ct) => CommandHost.RunAsync(false, app => ListAsync(app.Services, parse.GetValue(sort)!, parse.GetValue(state), parse.GetValue(json), ct), ct));

        var command = new Command("disputes", "Disputes and their cases.");
        command.Subcommands.Add(list);
        return command;
    }

    private static async Task<int> ListAsync(IServiceProvider services, string sort, string? state, bool json, CancellationToken cancellationToken)
    {
        CaseState? only = null;
        if (state is not null)
        {
            if (!Enum.TryParse<CaseState>(state.Replace("_", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed))
            {
                await Console.Error.WriteLineAsync($"disputekit: --state {state} is not a case state ({string.Join(", ", Enum.GetNames<CaseState>())}).");
                return ExitCodes.BadInput;
            }

            only = parsed;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var margin = services.GetRequiredService<IOptions<SubmissionOptions>>().Value;
        var stored = await services.GetRequiredService<ICaseStore>().ListAsync(cancellationToken);
        var cases = stored.Cases.Where(c => only is null || c.State == only);
        var unreadable = only is null or CaseState.Failed ? stored.Unreadable : [];
        var sorted = (sort switch
        {
            "amount" => cases.OrderByDescending(c => c.Amount),
            "value" => cases.OrderByDescending(c => c.Economics?.ExpectedGain ?? long.MinValue),
            "state" => cases.OrderBy(c => c.State),
            "reason" => cases.OrderBy(c => c.Reason, StringComparer.Ordinal),
            "status" => cases.OrderBy(c => c.Status, StringComparer.Ordinal),
            _ => cases.OrderBy(c => c.DueBy ?? DateTimeOffset.MaxValue),
        }).ThenBy(c => c.DisputeId, StringComparer.Ordinal).ToList();

        if (json)
        {
            var rows = sorted.Select(c => new
            {
                c.DisputeId,
                c.Status,
                c.Reason,
                c.Amount,
                c.Currency,
                Verdict = c.Verdict?.Kind,
                c.State,
                Appeal = c.Appeal is not null,
                c.Compliance,
                c.DueBy,
                DaysLeft = Display.DaysLeft(c.DueBy, now),
                ExpectedGain = c.Economics?.ExpectedGain,
                c.OnHold,
                Outcome = c.Outcome?.Status,
                Recovered = Outcomes.Totals(c).Reinstated,
                Urgent = SubmissionPolicy.IsUrgent(c, now, margin),
                c.OrderId,
                c.OrderIds,
            }).Cast<object>().Concat(unreadable.Select(u => new { u.DisputeId, State = "unreadable", u.Problem })).ToList();
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(rows, DisputeKitJson.Indented));
            await WarnAsync(unreadable);
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("Dispute", "Status", "Reason", "Amount", "Verdict", "State", "Due (UTC)", "Days left", "Value", "Outcome", "Recovered", "");
        foreach (var c in sorted)
        {
            var urgent = SubmissionPolicy.IsUrgent(c, now, margin);
            var days = Display.DaysLeft(c.DueBy, now);
            table.AddRow(
                Markup.Escape(c.DisputeId),
                Markup.Escape(c.Status),
                Markup.Escape(c.Reason),
                Markup.Escape(Formats.Amount(c.Amount, c.Currency)),
                Markup.Escape(c.Verdict?.Kind ?? "-"),
                Markup.Escape(Display.State(c.State) + (c.Appeal is null ? string.Empty : " (appeal)") + (c.Compliance is null ? string.Empty : " (compliance)")),
                Formats.Minute(c.DueBy),
                days is { } d ? (urgent ? $"[red]{d.ToString("0.0", CultureInfo.InvariantCulture)}[/]" : d.ToString("0.0", CultureInfo.InvariantCulture)) : "-",
                c.Economics?.ExpectedGain is { } gain ? Markup.Escape(Formats.Amount(gain, c.Currency)) : "-",
                Markup.Escape(c.Outcome?.Status.Replace('_', ' ') ?? "-"),
                Outcomes.Totals(c).Reinstated is > 0 and var back ? Markup.Escape(Formats.Amount(back, c.Currency)) : "-",
                (c.OnHold ? "hold " : string.Empty) + (urgent ? "[red]URGENT[/]" : string.Empty));
        }

        foreach (var u in unreadable)
        {
            table.AddRow(Markup.Escape(u.DisputeId), "-", "-", "-", "-", "[red]unreadable[/]", "-", "-", "-", "-", "-", string.Empty);
        }

        var console = CommandHost.Terminal();
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sorted.Count} cases; {sorted.Count(c => SubmissionPolicy.IsUrgent(c, now, margin))} urgent (due within {margin.MarginHours} h, nothing sent to the bank).")
            + (unreadable.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $" {unreadable.Count} stored case{(unreadable.Count == 1 ? " cannot" : "s cannot")} be read (below).") : string.Empty));
        await WarnAsync(unreadable);
        return ExitCodes.Ok;
    }

    /// <summary>Each unreadable case on standard error: what is wrong, and that it is kept as it is.</summary>
    private static async Task WarnAsync(IReadOnlyList<UnreadableCase> unreadable)
    {
        foreach (var u in unreadable)
        {
            await Console.Error.WriteLineAsync($"warning: the case of {u.DisputeId} cannot be read and is left as it is for a person to mend or remove: {u.Problem}");
        }
    }
}

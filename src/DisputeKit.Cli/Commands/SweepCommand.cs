using DisputeKit.Core.Warnings;
using System.CommandLine;
using System.Globalization;
using DisputeKit.Cli.Hosting;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Sweeps;
using DisputeKit.Stripe.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit sweep</c>: one sweep over every dispute, then a summary table.</summary>
internal static class SweepCommand
{
    public static Command Build()
    {
        var verbose = new Option<bool>("--verbose") { Description = "Log each step to standard error." };
        var command = new Command("sweep", "Run one sweep: list disputes, gather evidence, decide, render packs, stage evidence (submit=false), flag accounts.");
        command.Options.Add(verbose);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(verbose), cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(bool verbose, CancellationToken cancellationToken) =>
        CommandHost.RunAsync(verbose, async app =>
        {
            var sweep = app.Services.GetRequiredService<SweepRunner>();
            var result = ProgressConsole(verbose) is { } console
                ? await console.Progress().AutoClear(false).HideCompleted(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("Sweeping disputes", autoStart: true, maxValue: 1);
                        return await sweep.RunAsync(SweepScope.All, new Reporter(p =>
                        {
                            task.MaxValue = Math.Max(p.Total, 1);
                            task.Value = p.Done;
                            task.Description = p.DisputeId is null
                                ? string.Create(CultureInfo.InvariantCulture, $"Sweeping {p.Total} disputes")
                                : Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{p.Done}/{p.Total} {p.DisputeId} {(p.State is { } s ? Display.State(s) : "worked elsewhere")}"));
                        }), cancellationToken);
                    })
                : await sweep.RunAsync(SweepScope.All, cancellationToken);
            Print(CommandHost.Terminal(), result, app.UsesLocalFake);
            return result.Count(CaseState.Failed) > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
        }, cancellationToken);

    /// <summary>
    /// A progress bar on standard error when that is a terminal (standard output keeps the table
    /// for scripts); none with <c>--verbose</c>, whose log lines go to standard error too.
    /// </summary>
    private static IAnsiConsole? ProgressConsole(bool verbose)
    {
        if (verbose || Console.IsErrorRedirected)
        {
            return null;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Profile.Capabilities.Interactive ? console : null;
    }

    /// <summary>Reports on the sweep's own thread, in order (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class Reporter(Action<SweepProgress> report) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => report(value);
    }

    internal static void Print(IAnsiConsole console, SweepResult result, bool localFake)
    {
        // Ranked by what fighting is expected to keep, so finance looks at the biggest cases first.
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("Dispute", "Reason", "Amount", "Due", "Order", "Verdict", "Win", "Value", "State", "Flag", "Note");
        // The sweep keeps only the most valuable to show (SweepTally.Shown): a console table is laid out
        // whole in memory, about 50 KB a row, and nobody reads ten thousand rows.
        foreach (var o in result.Valuable)
        {
            table.AddRow(
                Markup.Escape(o.DisputeId),
                Markup.Escape(o.Reason),
                Markup.Escape(Formats.Amount(o.Amount, o.Currency)),
                o.DueBy is { } due ? Formats.Day(due) : "-",
                Markup.Escape(o.OrderId ?? "-"),
                Markup.Escape(o.Verdict ?? "-"),
                o.WinChance is { } win ? string.Create(CultureInfo.InvariantCulture, $"{win:P0}") : "-",
                o.ExpectedGain is { } gain ? Markup.Escape(Formats.Amount(gain, o.Currency)) : "-",
                Markup.Escape(Display.State(o.State) + (o.OnHold ? " (hold)" : string.Empty)
                    + (o.ClaimedElsewhere ? " (another process)" : o.Changed ? string.Empty : " (unchanged)"))
                    + (o.Urgent ? " [red]URGENT[/]" : string.Empty),
                o.Flagged ? "yes" : string.Empty,
                Markup.Escape(Display.Short(o.Note)));
        }

        console.Write(table);
        if (result.Disputes > result.Valuable.Count)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"The {result.Valuable.Count} most valuable of {result.Disputes:N0} are shown; every one is in this sweep's log, and 'disputekit disputes' lists every case."));
        }

        foreach (var urgent in result.UrgentShown)
        {
            console.MarkupLine($"[red]URGENT[/]: {Markup.Escape(urgent.DisputeId)} is due {Formats.Minute(urgent.DueBy)} UTC and nothing has been sent to the bank ({Markup.Escape(Display.State(urgent.State))}).");
        }

        if (result.Urgent > result.UrgentShown.Count)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[red]URGENT[/]: {result.Urgent - result.UrgentShown.Count:N0} more are due within the margin, after those; 'disputekit disputes list' and the /disputes queue list them by deadline."));
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ranked by value: the expected amount kept by fighting rather than accepting, after fees.\n{result.Disputes} disputes: {result.Count(CaseState.Staged)} staged, {result.Count(CaseState.Submitted)} submitted, {result.Count(CaseState.SetAside)} set aside for a person, {result.Count(CaseState.Skipped)} skipped, {result.Count(CaseState.Failed)} failed{(result.Elsewhere > 0 ? $", {result.Elsewhere} being worked by another process" : string.Empty)}; {result.Changed} changed in this run.{(localFake ? " (local Stripe fake)" : string.Empty)}"));
        foreach (var u in result.Unreadable)
        {
            console.MarkupLine($"[red]Unreadable[/]: the case of {Markup.Escape(u.DisputeId)} is left as it is for a person to mend or remove: {Markup.Escape(u.Problem)}");
        }
        if (result.Flags is { } flags && (flags.Lifted + flags.LiftsRefused + flags.WroteIn + flags.Expired) > 0)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Flags: {flags.Lifted} lifted (every dispute withdrawn), {flags.LiftsRefused} to lift once the shop restores the account, {flags.WroteIn} with a customer who wrote in after disputing (review them), {flags.Expired} expired undecided."));
        }

        if (result.Warnings is { } warnings)
        {
            console.WriteLine(WarningLine(warnings));
        }

        if (result.Support is { } support)
        {
            console.WriteLine(SupportLine(support));
        }
    }

    /// <summary>One line on the support sources synced before the disputes: what each read, or why it could not be.</summary>
    internal static string SupportLine(DisputeKit.Core.Support.SupportSyncResult sync) =>
        "Support sources: " + string.Join("; ", sync.Sources.Select(s => s.Problem is { } problem
            ? $"{s.Source} could not be read ({problem}); while it is out of date, no customer is found to have not contacted support"
            : $"{s.Source}: {s.Read:N0} {(s.Read == 1 ? "message" : "messages")} read"
                + (s.NotContact > 0 ? $", {s.NotContact:N0} auto-replies or bounces left out" : string.Empty)
                + (s.Skipped.Count > 0 ? $", {s.Skipped.Count:N0} unreadable skipped ({s.Skipped[0]}{(s.Skipped.Count > 1 ? "; the rest in the log" : string.Empty)})" : string.Empty))) + ".";

    /// <summary>One line on the early fraud warnings the poll read.</summary>
    internal static string WarningLine(WarningSweep w)
    {
        if (w.Mode == WarningMode.Off)
        {
            return "Early fraud warnings: off (DisputeKit:EarlyFraudWarnings:Mode).";
        }

        if (w.Problem is { } problem)
        {
            return $"Early fraud warnings: not read this time, tried again next poll: {problem}";
        }

        var changed = w.Outcomes.Count(o => o.Changed);
        var failed = w.Failed > 0 ? $", {w.Failed} failed (tried again next poll)" : string.Empty;
        var see = w.Count(WarningState.Proposed) + w.Count(WarningState.NeedsPerson) > 0 ? " See disputekit efw list --open." : string.Empty;
        return $"Early fraud warnings ({w.Mode.ToString().ToLowerInvariant()} mode): {w.Listed} listed, {changed} changed; {w.Count(WarningState.Proposed)} refunds proposed, "
            + $"{w.Count(WarningState.Refunded)} refunded, {w.Count(WarningState.Watching)} watched, {w.Count(WarningState.NeedsPerson)} for a person, {w.Count(WarningState.Disputed)} already disputed{failed}.{see}";
    }
}

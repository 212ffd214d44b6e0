using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DisputeKit.Core.Formatting;
using DisputeKit.Core.Json;
using DisputeKit.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit report [--from --to] [--json|--csv]</c>: what fighting earns, as the web app's outcomes page shows it.</summary>
internal static class ReportCommand
{
    public static Command Build()
    {
        var from = new Option<string?>("--from") { Description = "The first day counted, by the day a dispute was opened (e.g. 2026-01-01)." };
        var to = new Option<string?>("--to") { Description = "The last day counted (e.g. 2026-12-31)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var csv = new Option<bool>("--csv") { Description = "Print every table as one CSV (RFC 4180), money in minor units." };
        var command = new Command("report", "Win rate, money recovered and fees by month, dispute reason, service kind, prior contact and verdict; early fraud warnings refunded and the disputes they avoided.");
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(json);
        command.Options.Add(csv);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false,
            app => RunAsync(app.Services, parse.GetValue(from), parse.GetValue(to), parse.GetValue(json), parse.GetValue(csv), ct), ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string? fromText, string? toText, bool json, bool csv, CancellationToken cancellationToken)
    {
        if (json && csv)
        {
            await Console.Error.WriteLineAsync("disputekit: choose --json or --csv, not both.");
            return ExitCodes.BadInput;
        }

        if (!TryDay(fromText, "--from", out var from, out var problem) || !TryDay(toText, "--to", out var to, out problem))
        {
            await Console.Error.WriteLineAsync("disputekit: " + problem);
            return ExitCodes.BadInput;
        }

        if (from > to)
        {
            await Console.Error.WriteLineAsync($"disputekit: --from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}.");
            return ExitCodes.BadInput;
        }

        var report = await services.GetRequiredService<OutcomeReportReader>().BuildAsync(from, to, cancellationToken);
        if (json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, DisputeKitJson.Indented));
            return ExitCodes.Ok;
        }

        if (csv)
        {
            await Console.Out.WriteAsync(OutcomeReports.Csv(report));
            return ExitCodes.Ok;
        }

        var console = CommandHost.Terminal();
        foreach (var t in report.Tables)
        {
            console.WriteLine(t.Title);
            var table = new Table().Border(TableBorder.Simple)
                .AddColumns(t.GroupedBy, "Disputes", "Closed", "Fought", "Won", "Win rate", "Disputed", "Withdrawn", "Recovered", "Fees", "Net");
            foreach (var r in t.Rows)
            {
                table.AddRow(
                    Markup.Escape(r.Group), Count(r.Disputes), Count(r.Closed), Count(r.Fought), Count(r.Won),
                    r.WinRate is { } rate ? rate.ToString("P0", CultureInfo.InvariantCulture) : "-",
                    Money(r.Disputed, r.Currency), Money(r.Withdrawn, r.Currency), Money(r.Recovered, r.Currency), Money(r.Fees, r.Currency), Money(r.Net, r.Currency));
            }

            console.Write(table);
        }

        console.WriteLine("Disputes against orders, by month (months counted whole)");
        var volume = new Table().Border(TableBorder.Simple).AddColumns("Month", "Orders", "Disputes", "Disputes per order");
        foreach (var v in report.Volume)
        {
            volume.AddRow(v.Month, Count(v.Orders), Count(v.Disputes), v.DisputeRate is { } share ? share.ToString("P2", CultureInfo.InvariantCulture) : "-");
        }

        console.Write(volume);
        console.WriteLine(report.Warnings.Rows.Count == 0
            ? "Early fraud warnings: none refunded."
            : "Early fraud warnings: " + string.Join("; ", report.Warnings.Rows.Select(w =>
                $"{w.Refunded} refunded ({Formats.Amount(w.RefundedAmount, w.Currency)}), {w.DisputesAvoided} of them never disputed ({Formats.Amount(w.AmountNotDisputed, w.Currency)})")) + ".");
        return ExitCodes.Ok;

        static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string Money(long amount, string currency) => Markup.Escape(Formats.Amount(amount, currency));
    }

    private static bool TryDay(string? text, string option, out DateOnly? day, out string? problem)
    {
        day = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        problem = $"{option} '{text}' is not a day like 2026-01-31.";
        return false;
    }
}

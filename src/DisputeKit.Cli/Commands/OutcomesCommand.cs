using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Formatting;
using DisputeKit.Core.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit outcomes [--since] [--json|--csv]</c>: how the disputes ended and the money they moved.</summary>
internal static class OutcomesCommand
{
    public static Command Build()
    {
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only outcomes recorded from this day on (e.g. 2026-11-01)." };
        var json = new Option<bool>("--json") { Description = "Print the outcomes as JSON." };
        var csv = new Option<bool>("--csv") { Description = "Print the outcomes as CSV (RFC 4180), for a spreadsheet." };
        var command = new Command("outcomes", "How each closed dispute ended (won, lost, warning closed, prevented), whether it was fought, and the money withdrawn and reinstated.");
        command.Options.Add(since);
        command.Options.Add(json);
        command.Options.Add(csv);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false, app => ListAsync(app.Services, parse.GetValue(since), parse.GetValue(json), parse.GetValue(csv), ct), ct));
        return command;
    }

    private sealed record Row(
        string DisputeId, string Reason, long Amount, string Currency, string Outcome, DateTimeOffset RecordedAt, bool Fought, long Withdrawn, long Reinstated, long Fees)
    {
        /// <summary>What the dispute cost or returned in the end: reinstated less withdrawn less Stripe's fees.</summary>
        public long Net => Reinstated - Withdrawn - Fees;
    }

    private static async Task<int> ListAsync(IServiceProvider services, DateTimeOffset? since, bool json, bool csv, CancellationToken cancellationToken)
    {
        if (json && csv)
        {
            await Console.Error.WriteLineAsync("disputekit: choose --json or --csv, not both.");
            return ExitCodes.BadInput;
        }

        var cases = (await services.GetRequiredService<ICaseStore>().ListAsync(cancellationToken)).Cases;
        var rows = cases.Where(c => c.Outcome is { } o && (since is null || o.RecordedAt >= since))
            .Select(c =>
            {
                var (withdrawn, reinstated, fees) = Outcomes.Totals(c);
                return new Row(c.DisputeId, c.Reason, c.Amount, c.Currency, c.Outcome!.Status, c.Outcome.RecordedAt, c.Outcome.Fought, withdrawn, reinstated, fees);
            })
            .OrderBy(r => r.RecordedAt).ThenBy(r => r.DisputeId, StringComparer.Ordinal).ToList();

        if (json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(rows.Select(r => new
            {
                r.DisputeId, r.Reason, r.Amount, r.Currency, r.Outcome, r.RecordedAt, r.Fought, r.Withdrawn, r.Reinstated, r.Fees, r.Net,
            }), DisputeKitJson.Indented));
            return ExitCodes.Ok;
        }

        if (csv)
        {
            var text = new StringBuilder("dispute_id,reason,amount,currency,outcome,recorded_at,fought,withdrawn,reinstated,fees,net\r\n");
            foreach (var r in rows)
            {
                text.AppendJoin(',', [
                    Field(r.DisputeId), Field(r.Reason), Minor(r.Amount), Field(r.Currency), Field(r.Outcome),
                    r.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), r.Fought ? "true" : "false",
                    Minor(r.Withdrawn), Minor(r.Reinstated), Minor(r.Fees), Minor(r.Net)]).Append("\r\n");
            }

            await Console.Out.WriteAsync(text.ToString());
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("Dispute", "Reason", "Amount", "Outcome", "Recorded (UTC)", "Fought", "Withdrawn", "Reinstated", "Fees", "Net");
        foreach (var r in rows)
        {
            table.AddRow(
                Markup.Escape(r.DisputeId), Markup.Escape(r.Reason), Markup.Escape(Formats.Amount(r.Amount, r.Currency)), Markup.Escape(r.Outcome.Replace('_', ' ')),
                Formats.Minute(r.RecordedAt), r.Fought ? "yes" : "no", Markup.Escape(Formats.Amount(r.Withdrawn, r.Currency)),
                Markup.Escape(Formats.Amount(r.Reinstated, r.Currency)), Markup.Escape(Formats.Amount(r.Fees, r.Currency)), Markup.Escape(Formats.Amount(r.Net, r.Currency)));
        }

        var console = CommandHost.Terminal();
        console.Write(table);
        var fought = rows.Where(r => r.Fought && r.Outcome is DisputeStatus.Won or DisputeStatus.Lost).ToList();
        var won = fought.Count(r => r.Outcome == DisputeStatus.Won);
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count} outcomes: {rows.Count(r => r.Outcome == DisputeStatus.Won)} won, {rows.Count(r => r.Outcome == DisputeStatus.Lost)} lost, {rows.Count(r => r.Outcome == DisputeStatus.WarningClosed)} warning closed, {rows.Count(r => r.Outcome == DisputeStatus.Prevented)} prevented; ");
        var rate = fought.Count == 0 ? "none fought to a decision yet" : string.Create(CultureInfo.InvariantCulture, $"{won} of {fought.Count} fought won ({(double)won / fought.Count:P0})");
        var back = string.Join(", ", rows.GroupBy(r => r.Currency).Select(g => $"{Formats.Amount(g.Sum(r => r.Reinstated), g.Key)} reinstated"));
        console.WriteLine(counts + rate + (back.Length == 0 ? "." : $"; {back}."));
        return ExitCodes.Ok;
    }

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Minor(long amount) => amount.ToString(CultureInfo.InvariantCulture);
}

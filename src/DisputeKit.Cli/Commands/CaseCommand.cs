using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using DisputeKit.Storage.Files;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit case show &lt;id&gt;</c>: one case with its verdict, pack and audit trail.</summary>
internal static class CaseCommand
{
    public static Command Build()
    {
        var id = new Argument<string>("dispute") { Description = "The Stripe dispute id (dp_…)." };
        var json = new Option<bool>("--json") { Description = "Print the case record as JSON." };
        var show = new Command("show", "Show one case: what was found, decided and sent, and every transition.");
        show.Arguments.Add(id);
        show.Options.Add(json);
        show.SetAction((parse, ct) => CommandHost.RunAsync(false, app => ShowAsync(app.Services, parse.GetValue(id)!, parse.GetValue(json), ct), ct));

        var command = new Command("case", "One dispute's case.");
        command.Subcommands.Add(show);
        return command;
    }

    private static async Task<int> ShowAsync(IServiceProvider services, string disputeId, bool json, CancellationToken cancellationToken)
    {
        var c = await services.GetRequiredService<ICaseStore>().GetAsync(DataFolder.SafeName(disputeId), cancellationToken);
        if (c is null)
        {
            await Console.Error.WriteLineAsync($"disputekit: no case for dispute {disputeId}; run a sweep first, or check the id.");
            return ExitCodes.NotFound;
        }

        if (json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(c, DisputeKitJson.Indented));
            return ExitCodes.Ok;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var console = CommandHost.Terminal();
        var facts = new Grid().AddColumn().AddColumn();
        void Row(string label, string? value) => facts.AddRow(new Text(label), new Text(value ?? "-"));
        Row("Dispute", c.DisputeId);
        Row("State", Display.State(c.State) + (c.OnHold ? " (on hold)" : string.Empty));
        Row("Stripe status", c.Status);
        Row("Reason", c.Reason);
        Row("Amount", Formats.Amount(c.Amount, c.Currency));
        Row("Due", c.DueBy is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{Formats.Minute(c.DueBy)} UTC ({Display.DaysLeft(c.DueBy, now):0.0} days left)"));
        if (c.Compliance is { } kind)
        {
            Row("Compliance", $"{kind.Replace('_', ' ')}: {ComplianceDisputes.Fee(kind)}; submitted only with --acknowledge-fee");
        }

        if (c.Appeal is { } appeal)
        {
            Row("Appeal", $"reopened {Formats.Minute(appeal.OpenedAt)} UTC after the dispute was lost (first answer submitted {Formats.Minute(appeal.FirstSubmittedAt)} UTC); "
                + $"due {Formats.Minute(appeal.DueBy)} UTC; supporting files {string.Join(", ", appeal.SupportingFiles)}");
        }

        Row(c.OrderIds.Count > 1 ? "Orders" : "Order", c.OrderIds.Count > 1 ? string.Join(", ", c.OrderIds) : c.OrderId);
        Row("Customer", c.CustomerId);
        Row("Verdict", c.Verdict is { } v ? $"{v.Kind}: {v.Summary}" : null);
        Row("Prior contact", c.PriorContact?.Statement);
        if (c.Economics is { } e)
        {
            Row("Win chance", string.Create(CultureInfo.InvariantCulture, $"{e.WinChance:P0}"));
            Row("Expected gain", Formats.Amount(e.ExpectedGain, c.Currency));
        }

        var dataPath = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DisputeKit.Core.Configuration.DisputeKitOptions>>().Value.DataPath;
        Row("Pack", c.PackPath is null ? null : Display.PackFile(c, dataPath) ?? $"{c.PackPath} (not in the data folder: kept in the database, or deleted; 'disputekit pack {c.DisputeId}' says which)");
        Row("Pack file", c.PackFileId);
        foreach (var file in c.Files)
        {
            Row("File " + file.Field, string.Create(CultureInfo.InvariantCulture, $"{file.FileId} ({file.Pages} pages, {file.Bytes:N0} bytes)"));
        }

        Row("Staged", Formats.Minute(c.StagedAt));
        Row("Submitted", Formats.Minute(c.SubmittedAt));
        Row("Attempts", c.Attempts.ToString(CultureInfo.InvariantCulture));
        Row("Note", c.Note);
        console.Write(facts);

        if (c.Verdict is { Facts.Count: > 0 } verdict)
        {
            console.WriteLine();
            console.WriteLine("Facts:");
            foreach (var fact in verdict.Facts)
            {
                console.WriteLine($"  - {fact}");
            }
        }

        var audit = new Table().Border(TableBorder.Simple).AddColumns("When (UTC)", "From", "To", "Cause");
        foreach (var entry in c.Audit)
        {
            audit.AddRow(Formats.Minute(entry.At), entry.From is { } from ? Display.State(from) : "-", Display.State(entry.To), Markup.Escape(entry.Cause));
        }

        console.WriteLine();
        console.Write(audit);
        return ExitCodes.Ok;
    }
}

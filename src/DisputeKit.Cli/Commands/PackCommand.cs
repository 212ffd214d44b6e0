using System.CommandLine;
using System.Globalization;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Configuration;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Sweeps;
using DisputeKit.Storage.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit pack &lt;id&gt;</c>: the evidence pack as a file, and its path.</summary>
internal static class PackCommand
{
    public static Command Build()
    {
        var id = new Argument<string>("dispute") { Description = "The Stripe dispute id (dp_…)." };
        var fresh = new Option<bool>("--fresh") { Description = "Render again from the records as they are now, even when a pack was already made." };
        var output = new Option<string?>("--out") { Description = "Where to write a freshly rendered pack. Default data/packs/<id>.preview.pdf (<id>.<document>.preview.pdf for --document)." };
        var document = new Option<PackDocument>("--document")
        {
            Description = "Which document: pack (the whole evidence pack), transcript (the communication history sent as customer_communication) or policy (the refund policy sent as refund_policy). The last two are always rendered afresh.",
            DefaultValueFactory = _ => PackDocument.Pack,
        };
        var command = new Command("pack", "Print the path of the dispute's evidence pack, rendering it when there is none (or with --fresh).");
        command.Arguments.Add(id);
        command.Options.Add(fresh);
        command.Options.Add(output);
        command.Options.Add(document);
        command.SetAction((parse, ct) => CommandHost.RunAsync(false,
            app => RunAsync(app.Services, parse.GetValue(id)!, parse.GetValue(document), parse.GetValue(fresh), parse.GetValue(output), ct), ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string disputeId, PackDocument document, bool fresh, string? output, CancellationToken cancellationToken)
    {
        var safeId = DataFolder.SafeName(disputeId);
        var cases = services.GetRequiredService<ICaseStore>();
        var packs = Path.Combine(services.GetRequiredService<IOptions<DisputeKitOptions>>().Value.DataPath, "packs");
        var existing = await cases.GetAsync(safeId, cancellationToken);
        if (document == PackDocument.Pack && !fresh && output is null && existing?.PackPath is { } kept)
        {
            // The pack that was (or will be) sent: never overwritten by a preview. One kept in
            // the database is copied out to a file to be opened.
            if (Display.PackFile(existing, Path.GetDirectoryName(packs)!) is { } file)
            {
                await Console.Out.WriteLineAsync(file);
                return ExitCodes.Ok;
            }

            if (await cases.ReadPackAsync(safeId, cancellationToken) is { } stored)
            {
                var copy = Path.Combine(packs, safeId + ".pdf");
                Directory.CreateDirectory(packs);
                await File.WriteAllBytesAsync(copy, stored, cancellationToken);
                await Console.Out.WriteLineAsync(copy);
                return ExitCodes.Ok;
            }

            // The kept pack is gone (deleted by hand, a restored backup): say so before previewing.
            await Console.Error.WriteLineAsync(existing.PackFileId is { } sent
                ? $"warning: the pack sent to Stripe for dispute {safeId} (as {sent}) is no longer kept at {kept}; what follows is a fresh preview from the records as they are now, not what was sent."
                : $"warning: the pack rendered for dispute {safeId} is no longer kept at {kept}; what follows is a fresh preview from the records as they are now.");
        }

        var pack = await services.GetRequiredService<PackPreview>().RenderAsync(safeId, document, cancellationToken);
        var path = output ?? Path.Combine(packs, safeId + (document == PackDocument.Pack ? string.Empty : "." + document.ToString().ToLowerInvariant()) + ".preview.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllBytesAsync(path, pack.Pdf, cancellationToken);
        await Console.Out.WriteLineAsync(path);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{(pack.Pages == 1 ? "1 page" : $"{pack.Pages} pages")}, {pack.Pdf.Length:N0} bytes{(pack.Trim.Level > 0 ? $", shortened at level {pack.Trim.Level}" : string.Empty)}{(pack.OverBudget is { } over ? $". {over}" : string.Empty)}"));
        return pack.OverBudget is null ? ExitCodes.Ok : ExitCodes.Refused;
    }
}

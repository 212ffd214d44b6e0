using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DisputeKit.Cli.Hosting;
using DisputeKit.Core.Configuration;
using DisputeKit.MerchantData;
using DisputeKit.MerchantData.Files;
using DisputeKit.MerchantData.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Spectre.Console;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit merchant import</c>: loads a merchant-data folder into the PostgreSQL merchant source.</summary>
internal static class MerchantCommand
{
    public static Command Build()
    {
        var from = new Option<string?>("--from") { Description = "Folder of the export (JSON Lines, or CSV with the table's column names). Default: DisputeKit:MerchantDataPath." };
        var import = new Command("import",
            "Replace the merchant tables in PostgreSQL (DisputeKit:MerchantData, Kind postgres) with a folder export, in one transaction. " +
            "Bad lines are reported with file, line and field and the rest loads. Exit 0 all loaded, 1 some lines left out.");
        import.Options.Add(from);
        import.SetAction((parse, ct) => ImportAsync(parse.GetValue(from), ct));

        var command = new Command("merchant", "The seller's records DisputeKit reads.");
        command.Subcommands.Add(import);
        return command;
    }

    private static async Task<int> ImportAsync(string? from, CancellationToken cancellationToken)
    {
        var configuration = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() }).Configuration;
        var folder = from ?? (configuration.GetSection(DisputeKitOptions.SectionName).Get<DisputeKitOptions>() ?? new DisputeKitOptions()).MerchantDataPath;
        MerchantSourceOptions merchant;
        try
        {
            merchant = configuration.ReadMerchantSource();
            if (!merchant.UsesPostgres)
            {
                throw new InvalidOperationException("DisputeKit:MerchantData:Kind is 'files': the folder is read as it is, there is nothing to import into. Set it to 'postgres' with a ConnectionString.");
            }

            if (!Directory.Exists(folder))
            {
                throw new InvalidOperationException($"Merchant data folder not found: {folder}");
            }
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"disputekit: {e.Message}");
            return ExitCodes.BadInput;
        }

        await using var dataSource = merchant.CreateDataSource();
        var clock = Stopwatch.StartNew();
        LoadReport report;
        try
        {
            await MerchantDataServiceCollectionExtensions.MigrateMerchantTablesAsync(dataSource, merchant.Schema, cancellationToken);
            report = await new MerchantImporter(dataSource, merchant.Schema).ImportAsync(folder, cancellationToken);
        }
        catch (Exception e) when (e is MerchantDataUnavailableException or NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"disputekit: {(e is MerchantDataUnavailableException ? e.Message : $"the merchant records in PostgreSQL could not be used: {e.Message}")}");
            return ExitCodes.Unavailable;
        }

        foreach (var issue in report.Issues)
        {
            await Console.Error.WriteLineAsync($"warning: merchant data: {issue}");
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("File", "Rows loaded");
        foreach (var (file, count) in report.Loaded.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(file), report.MissingFiles.Contains(file) ? "0 (no file)" : count.ToString("N0", CultureInfo.InvariantCulture));
        }

        var console = CommandHost.Terminal();
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {report.Loaded.Values.Sum():N0} rows into schema '{merchant.Schema}' in {clock.Elapsed.TotalSeconds:0.0} s; {report.Issues.Count} {(report.Issues.Count == 1 ? "line" : "lines")} left out."));
        return report.Issues.Count == 0 ? ExitCodes.Ok : ExitCodes.SomeFailed;
    }
}

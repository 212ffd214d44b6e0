using System.ComponentModel.DataAnnotations;
using DisputeKit.Core.Merchant;
using DisputeKit.MerchantData;
using DisputeKit.MerchantData.Files;
using DisputeKit.MerchantData.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static class MerchantDataServiceCollectionExtensions
{
    /// <summary>The key of the merchant database's data source, beside the store's own.</summary>
    public const string MerchantDatabase = "merchant";

    /// <summary>
    /// The seller's records as <c>DisputeKit:MerchantData</c> names them: the folder at
    /// <paramref name="folder"/>, loaded into memory now (what was left out is in the returned
    /// report), or the PostgreSQL merchant tables (migrated by <see cref="MigrateMerchantDataAsync"/>
    /// once the provider is built). Settings that cannot work are refused here, each named.
    /// </summary>
    public static async Task<LoadReport> AddMerchantDataAsync(
        this IServiceCollection services, IConfiguration configuration, string folder, CancellationToken cancellationToken)
    {
        var options = ReadMerchantSource(configuration);
        services.AddSingleton(options);
        if (options.UsesPostgres)
        {
            services.AddKeyedSingleton(MerchantDatabase, (_, _) => options.CreateDataSource());
            services.AddSingleton(sp => new PostgresMerchantRecords(sp.GetRequiredKeyedService<NpgsqlDataSource>(MerchantDatabase), options.Schema));
            services.AddSingleton<IMerchantRecords>(sp => sp.GetRequiredService<PostgresMerchantRecords>());
            return LoadReport.None;
        }

        // Checked before loading, so an incomplete export is refused without reading the rest of it.
        var export = new MerchantExport(folder);
        var unread = Unread(options, [.. EntityFile.All.Select(e => (e, export.Unusable(e))).Where(u => u.Item2 is not null).Select(u => (u.e, u.Item2!))]);
        var (records, report) = await FileMerchantSource.LoadAsync(folder, cancellationToken);
        records.UnreadContactSources = unread;
        services.AddSingleton<IMerchantRecords>(records);
        return report;
    }

    /// <summary>
    /// The one rule for both sources: an unusable entity file or table not declared absent is refused,
    /// naming each; a support-messages source that is absent is the contact source nobody read.
    /// </summary>
    private static IReadOnlyList<string> Unread(MerchantSourceOptions options, IReadOnlyList<(EntityFile Entity, string Why)> unusable)
    {
        if (unusable.Where(u => !options.IsAbsent(u.Entity)).Select(u => u.Why).ToList() is { Count: > 0 } problems)
        {
            var remedy = options.UsesPostgres ? "Fill them (disputekit merchant import, or the seller's own views)" : "Export them";
            throw new InvalidOperationException(
                $"The seller's records are incomplete: {string.Join("; ", problems)}. {remedy}, or name what the seller deliberately does not keep in DisputeKit:MerchantData:Absent.");
        }

        return [.. unusable.Where(u => u.Entity == EntityFile.SupportMessages).Select(u => $"{u.Why} (declared absent)")];
    }

    /// <summary><c>DisputeKit:MerchantData</c>, validated: every problem named at once.</summary>
    public static MerchantSourceOptions ReadMerchantSource(this IConfiguration configuration)
    {
        var options = configuration.GetSection(MerchantSourceOptions.SectionName).Get<MerchantSourceOptions>() ?? new MerchantSourceOptions();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.ErrorMessage)));
        }

        return options;
    }

    /// <summary>Creates or upgrades the merchant tables when they are the source; a database that cannot be reached is named as the merchant one.</summary>
    public static async Task MigrateMerchantDataAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<MerchantSourceOptions>();
        if (options.UsesPostgres)
        {
            var dataSource = services.GetRequiredKeyedService<NpgsqlDataSource>(MerchantDatabase);
            await MigrateMerchantTablesAsync(dataSource, options.Schema, cancellationToken);
            var empty = await MerchantSchema.EmptyTablesAsync(dataSource, options.Schema, EntityFile.All, cancellationToken);
            services.GetRequiredService<PostgresMerchantRecords>().UnreadContactSources = Unread(options,
                [.. EntityFile.All.Where(e => empty.Contains(Path.GetFileNameWithoutExtension(e.Name))).Select(e => (e, $"the merchant table {options.Schema}.{Path.GetFileNameWithoutExtension(e.Name)} is empty"))]);
        }
    }

    /// <inheritdoc cref="MigrateMerchantDataAsync"/>
    public static async Task MigrateMerchantTablesAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        try
        {
            await MerchantSchema.MigrateAsync(dataSource, schema, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new MerchantDataUnavailableException($"the merchant records in PostgreSQL could not be used: {e.Message}", e);
        }
    }
}

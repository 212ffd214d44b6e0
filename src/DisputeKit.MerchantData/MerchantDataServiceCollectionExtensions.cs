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
            services.AddSingleton<IMerchantRecords>(sp => new PostgresMerchantRecords(sp.GetRequiredKeyedService<NpgsqlDataSource>(MerchantDatabase), options.Schema)
            {
                UnreadContactSources = options.IsAbsent(EntityFile.SupportMessages) ? [$"{options.Schema}.support_messages (declared absent)"] : [],
            });
            return LoadReport.None;
        }

        var (records, report) = await FileMerchantSource.LoadAsync(folder, cancellationToken);
        var export = new MerchantExport(folder);
        var unusable = EntityFile.All.Select(e => (Entity: e, Why: export.Unusable(e))).Where(u => u.Why is not null).ToList();
        if (unusable.Where(u => !options.IsAbsent(u.Entity)).Select(u => u.Why).ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(
                $"The seller's records are incomplete: {string.Join("; ", problems)}. Export them, or name what the seller deliberately does not keep in DisputeKit:MerchantData:Absent.");
        }

        records.UnreadContactSources = [.. unusable.Where(u => u.Entity == EntityFile.SupportMessages).Select(u => $"{u.Why} (declared absent)")];
        services.AddSingleton<IMerchantRecords>(records);
        return report;
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
            var empty = await MerchantSchema.EmptyTablesAsync(dataSource, options.Schema, [.. EntityFile.All.Where(e => !options.IsAbsent(e))], cancellationToken);
            if (empty.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The seller's records are incomplete: the merchant tables {string.Join(", ", empty.Select(t => $"{options.Schema}.{t}"))} are empty. Import them with 'disputekit merchant import', or name what the seller deliberately does not keep in DisputeKit:MerchantData:Absent.");
            }
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

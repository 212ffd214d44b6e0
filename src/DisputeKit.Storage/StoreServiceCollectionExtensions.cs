using System.ComponentModel.DataAnnotations;
using DisputeKit.Storage;
using DisputeKit.Storage.Files;
using DisputeKit.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// The stores <c>DisputeKit:Store</c> names: files under the data folder, or PostgreSQL
    /// (migrated by <see cref="MigrateStoresAsync"/> once the provider is built). Settings that
    /// cannot work are refused here, each named.
    /// </summary>
    public static StoreOptions AddStores(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.ErrorMessage)));
        }

        services.AddSingleton(options);
        if (options.UsesPostgres)
        {
            services.AddPostgresStores(options.ConnectionString!);
        }
        else
        {
            services.AddFileStores();
        }

        return options;
    }

    /// <summary>Creates or upgrades the store's tables when the store is PostgreSQL; with files, proves every folder of the store can be written.</summary>
    public static async Task MigrateStoresAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<StoreOptions>().UsesPostgres)
        {
            await PostgresSchema.MigrateAsync(services.GetRequiredService<NpgsqlDataSource>(), cancellationToken);
        }
        else
        {
            services.GetRequiredService<DataFolder>().EnsureWritable();
        }
    }
}

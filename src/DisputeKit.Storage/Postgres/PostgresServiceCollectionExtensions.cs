using DisputeKit.Storage;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Sweeps;
using DisputeKit.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// The production store: cases, audit, packs, flags, sweep summaries and Stripe events in PostgreSQL, shared by
    /// every worker. Run <see cref="PostgresSchema.MigrateAsync"/> once the provider is built.
    /// </summary>
    public static IServiceCollection AddPostgresStores(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.ConnectionStringBuilder.ApplicationName ??= "disputekit";
            return builder.Build();
        });
        services.TryAddSingleton<ICaseStore, PostgresCaseStore>();
        services.TryAddSingleton<IFlagStore, PostgresFlagStore>();
        services.TryAddSingleton<ISweepLog, PostgresSweepLog>();
        services.TryAddSingleton<IScratchSpace, TempScratch>();
        services.TryAddSingleton<DisputeKit.Core.Support.ISupportStore, PostgresSupportStore>();
        services.TryAddSingleton<DisputeKit.Core.Events.IEventStore, PostgresEventStore>();
        services.TryAddSingleton<DisputeKit.Core.Warnings.IWarningStore, PostgresWarningStore>();
        services.AddHealthChecks().Add(new HealthCheckRegistration("store", sp => new PostgresHealthCheck(sp.GetRequiredService<NpgsqlDataSource>()), null, null));
        return services;
    }
}

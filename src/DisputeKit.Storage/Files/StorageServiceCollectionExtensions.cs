using DisputeKit.Storage;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Configuration;
using DisputeKit.Core.Sweeps;
using DisputeKit.Storage.Files;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static class StorageServiceCollectionExtensions
{
    /// <summary>The embedded store: cases, packs, flags and sweep summaries as files under <c>DisputeKit:DataPath</c>.</summary>
    public static IServiceCollection AddFileStores(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new DataFolder(sp.GetRequiredService<IOptions<DisputeKitOptions>>().Value.DataPath));
        services.TryAddSingleton<ICaseStore, FileCaseStore>();
        services.TryAddSingleton<IFlagStore, FileFlagStore>();
        services.TryAddSingleton<ISweepLog, FileSweepLog>();
        services.TryAddSingleton<IScratchSpace, TempScratch>();
        services.TryAddSingleton<DisputeKit.Core.Support.ISupportStore, FileSupportStore>();
        services.TryAddSingleton<DisputeKit.Core.Events.IEventStore, FileEventStore>();
        services.TryAddSingleton<DisputeKit.Core.Warnings.IWarningStore, FileWarningStore>();
        services.AddHealthChecks().Add(new HealthCheckRegistration("store", sp => new DataFolderHealthCheck(sp.GetRequiredService<DataFolder>()), null, null));
        return services;
    }
}

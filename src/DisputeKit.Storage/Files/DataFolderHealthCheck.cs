using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DisputeKit.Storage.Files;

/// <summary>The data folder and each of the store's folders in it can be written: a probe file is written and removed in each.</summary>
internal sealed class DataFolderHealthCheck(DataFolder folder) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await Task.Run(folder.EnsureWritable, cancellationToken);
            var cases = Directory.Exists(folder.Cases) ? Directory.EnumerateFiles(folder.Cases, "*.json").Count() : 0;
            return HealthCheckResult.Healthy($"Data folder {folder.Root} is writable; {cases} case files.");
        }
        catch (DataFolderUnwritableException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}

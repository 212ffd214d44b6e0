using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DisputeKit.Storage.Files;

/// <summary>The data folder can be written: a probe file is written atomically and removed.</summary>
internal sealed class DataFolderHealthCheck(DataFolder folder) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(folder.Root, $".health-{Environment.ProcessId}");
        try
        {
            await AtomicFile.WriteAsync(probe, "ok"u8.ToArray(), cancellationToken);
            File.Delete(probe);
            var cases = Directory.Exists(folder.Cases) ? Directory.EnumerateFiles(folder.Cases, "*.json").Count() : 0;
            return HealthCheckResult.Healthy($"Data folder {folder.Root} is writable; {cases} case files.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"Data folder {folder.Root} cannot be written: {e.Message}");
        }
    }
}

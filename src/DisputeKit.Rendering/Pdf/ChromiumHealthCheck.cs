using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DisputeKit.Rendering.Pdf;

/// <summary>The Chromium that prints packs is installed where the settings say.</summary>
internal sealed class ChromiumHealthCheck(RenderingOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(options.ChromiumPath)
            ? HealthCheckResult.Healthy($"Chromium found at {options.ChromiumPath}.")
            : HealthCheckResult.Unhealthy($"Chromium was not found at {options.ChromiumPath}: install it (apt-get install -y chromium) or set Rendering:ChromiumPath."));
}

using DisputeKit.Core.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DisputeKit.Core.Health;

/// <summary>The support sources: degraded while any is out of date (then no customer is found to have not written in, and such cases wait for a person).</summary>
internal sealed class SupportSourcesHealthCheck(SupportSync sync, SupportMessages messages) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!sync.Any)
        {
            return HealthCheckResult.Healthy("No support source is configured: prior contact comes from the seller's exported messages.");
        }

        var stale = await messages.OutOfDateAsync(cancellationToken);
        return stale.Count == 0
            ? HealthCheckResult.Healthy("Every support source was read within DisputeKit:Support:MaxAgeHours.")
            : HealthCheckResult.Degraded($"Out of date: {string.Join("; ", stale)}. Until it is read, no customer is found to have not contacted support; those cases are set aside.");
    }
}

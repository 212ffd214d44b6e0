using System.Globalization;
using DisputeKit.Core.Sweeps;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Core.Health;

/// <summary>When the last sweep ran: degraded when none has, or none in the last 26 hours (the nightly sweep plus slack).</summary>
internal sealed class LastSweepHealthCheck(ISweepLog sweeps, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan Stale = TimeSpan.FromHours(26);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var last = await sweeps.LatestAsync(cancellationToken);
        if (last is null)
        {
            return HealthCheckResult.Degraded("No sweep has run yet.");
        }

        var data = new Dictionary<string, object>
        {
            ["finished_at"] = last.FinishedAt.ToString("O", CultureInfo.InvariantCulture),
            ["scope"] = last.Scope.ToString().ToLowerInvariant(),
            ["disputes"] = last.Disputes,
            ["failed"] = last.Failed,
            ["urgent"] = last.Urgent,
        };
        var age = clock.GetUtcNow() - last.FinishedAt;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Last sweep ({last.Scope.ToString().ToLowerInvariant()}) finished {Formats.Stamp(last.FinishedAt)}: {last.Disputes} disputes, {last.Failed} failed, {last.Urgent} urgent.");
        return age > Stale
            ? HealthCheckResult.Degraded($"{text} That is more than {Stale.TotalHours:0} hours ago.", data: data)
            : last.Failed > 0 || last.Urgent > 0 ? HealthCheckResult.Degraded(text, data: data) : HealthCheckResult.Healthy(text, data);
    }
}

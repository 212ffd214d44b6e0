using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DisputeKit.Stripe.Client;

/// <summary>Stripe answers an authenticated request (the first page of disputes).</summary>
internal sealed class StripeHealthCheck(DisputeKit.Stripe.Gateway.StripeGateway client, StripeOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var _ in client.ListDisputesAsync(cancellationToken))
            {
                break;
            }

            return HealthCheckResult.Healthy($"Stripe at {options.ApiBase} answered.");
        }
        catch (Exception e) when (e is StripeException or HttpRequestException or DisputeKit.Core.Disputes.DisputeGatewayUnavailableException)
        {
            return HealthCheckResult.Unhealthy($"Stripe at {options.ApiBase} could not be used: {e.Message}");
        }
    }
}

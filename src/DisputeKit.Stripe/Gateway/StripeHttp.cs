using DisputeKit.Core.Telemetry;
using DisputeKit.Stripe.Client;
using Microsoft.Extensions.Http.Resilience;

namespace DisputeKit.Stripe.Gateway;

/// <summary>The HTTP under Stripe.net: the named client the factory builds, and the same stack built by hand.</summary>
public static class StripeHttp
{
    /// <summary>The name of the <see cref="HttpClient"/> the factory makes for Stripe.</summary>
    public const string ClientName = "stripe";

    /// <summary>
    /// A gateway on its own stack, as the factory would build it: <see cref="StripeResilience"/>,
    /// then a counter of every attempt, then <paramref name="primary"/> (a pooled socket handler by default).
    /// </summary>
    public static StripeGateway CreateGateway(
        StripeOptions options, TimeProvider? clock = null, DisputeKitMetrics? metrics = null, HttpMessageHandler? primary = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        clock ??= TimeProvider.System;
        var resilience = new StripeResilience(options, clock, metrics);
        var handler = new ResilienceHandler(resilience.Build())
        {
            InnerHandler = new StripeAttempts(metrics) { InnerHandler = primary ?? PrimaryHandler() },
        };
        return new StripeGateway(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, options, resilience, ownsHttp: true);
    }

    /// <summary>Pooled connections renewed every few minutes, so a long-running worker follows DNS changes.</summary>
    public static HttpMessageHandler PrimaryHandler() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
}

/// <summary>Counts every attempt that reached Stripe (or its fake), by method and status, for the <c>DisputeKit</c> meter.</summary>
public sealed class StripeAttempts(DisputeKitMetrics? metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        metrics?.StripeCall(request.Method.Method, (int)response.StatusCode);
        return response;
    }
}

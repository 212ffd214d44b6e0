using DisputeKit.Core.Disputes;
using DisputeKit.Stripe.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static class StripeServiceCollectionExtensions
{
    /// <summary>The Stripe dispute client, configured from section <c>Stripe</c>.</summary>
    public static IServiceCollection AddStripeDisputes(this IServiceCollection services)
    {
        services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(_ => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        });
        services.TryAddSingleton(sp => new StripeClient(sp.GetRequiredService<HttpClient>(), sp.GetRequiredService<IOptions<StripeOptions>>().Value, sp.GetService<TimeProvider>(), sp.GetService<DisputeKit.Core.Telemetry.DisputeKitMetrics>()));
        services.TryAddSingleton<IDisputeGateway>(sp => sp.GetRequiredService<StripeClient>());
        services.AddOptions<RadarOptions>().BindConfiguration(RadarOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.Replace(ServiceDescriptor.Singleton<DisputeKit.Core.Accounts.IRadarLists>(sp =>
            sp.GetRequiredService<IOptions<RadarOptions>>().Value is { Configured: true } radar
                ? new StripeRadarLists(sp.GetRequiredService<StripeClient>(), sp.GetRequiredService<DisputeKit.Core.Merchant.IMerchantRecords>(), sp.GetRequiredService<DisputeKit.Core.Cases.ICaseStore>(), radar, sp.GetRequiredService<TimeProvider>())
                : new DisputeKit.Core.Accounts.NoRadarLists()));
        services.AddHealthChecks().Add(new HealthCheckRegistration("stripe",
            sp => new StripeHealthCheck(sp.GetRequiredService<StripeClient>(), sp.GetRequiredService<IOptions<StripeOptions>>().Value), null, null));
        return services;
    }
}

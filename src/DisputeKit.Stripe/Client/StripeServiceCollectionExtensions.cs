using DisputeKit.Core.Disputes;
using DisputeKit.Stripe.Client;
using DisputeKit.Stripe.Gateway;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static class StripeServiceCollectionExtensions
{
    /// <summary>
    /// The Stripe dispute gateway on Stripe.net, configured from section <c>Stripe</c>: the
    /// factory's <c>stripe</c> client carries <see cref="StripeResilience"/> (the one retry layer),
    /// then a counter of attempts, then pooled sockets.
    /// </summary>
    public static IServiceCollection AddStripeDisputes(this IServiceCollection services)
    {
        services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => new StripeResilience(
            sp.GetRequiredService<IOptions<StripeOptions>>().Value, Clock(sp), sp.GetService<DisputeKit.Core.Telemetry.DisputeKitMetrics>()));
        // Handlers run in the order added: the pipeline, then the counter of each attempt it makes.
        var http = services.AddHttpClient(StripeHttp.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(StripeHttp.PrimaryHandler);
        http.AddResilienceHandler(StripeHttp.ClientName, (pipeline, context) => context.ServiceProvider.GetRequiredService<StripeResilience>().Configure(pipeline));
        http.AddHttpMessageHandler(sp => new StripeAttempts(sp.GetService<DisputeKit.Core.Telemetry.DisputeKitMetrics>()));
        services.TryAddSingleton(sp => new StripeGateway(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(StripeHttp.ClientName),
            sp.GetRequiredService<IOptions<StripeOptions>>().Value,
            sp.GetRequiredService<StripeResilience>()));
        services.TryAddSingleton<IDisputeGateway>(sp => sp.GetRequiredService<StripeGateway>());
        services.TryAddSingleton<DisputeKit.Core.Warnings.IWarningGateway>(sp => sp.GetRequiredService<StripeGateway>());
        services.TryAddSingleton<DisputeKit.Core.Events.IStripeWebhookVerifier>(sp =>
            new StripeWebhookVerifier(sp.GetRequiredService<IOptions<StripeOptions>>().Value, Clock(sp)));
        services.AddOptions<RadarOptions>().BindConfiguration(RadarOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.Replace(ServiceDescriptor.Singleton<DisputeKit.Core.Accounts.IRadarLists>(sp =>
            sp.GetRequiredService<IOptions<RadarOptions>>().Value is { Configured: true } radar
                ? new StripeRadarLists(sp.GetRequiredService<StripeGateway>(), sp.GetRequiredService<DisputeKit.Core.Merchant.IMerchantRecords>(), sp.GetRequiredService<DisputeKit.Core.Cases.ICaseStore>(), radar, Clock(sp))
                : new DisputeKit.Core.Accounts.NoRadarLists()));
        services.AddHealthChecks().Add(new HealthCheckRegistration("stripe",
            sp => new StripeHealthCheck(sp.GetRequiredService<StripeGateway>(), sp.GetRequiredService<IOptions<StripeOptions>>().Value), null, null));
        return services;
    }

    /// <summary>The host's clock (the replay clock on the embedded default), or the system's where none is registered.</summary>
    private static TimeProvider Clock(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;
}

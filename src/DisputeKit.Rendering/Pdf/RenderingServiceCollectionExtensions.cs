using DisputeKit.Core.Configuration;
using DisputeKit.Core.Rendering;
using DisputeKit.Rendering.Pdf;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static class RenderingServiceCollectionExtensions
{
    /// <summary>Pack rendering: Handlebars templates printed by one warm headless Chromium.</summary>
    public static IServiceCollection AddPackRendering(this IServiceCollection services)
    {
        services.AddOptions<RenderingOptions>().BindConfiguration(RenderingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => new ChromiumPrinter(sp.GetRequiredService<IOptions<RenderingOptions>>().Value));
        services.TryAddSingleton<IPackRenderer>(sp => new HandlebarsPackRenderer(
            TemplateFolder.Resolve(sp.GetRequiredService<IOptions<DisputeKitOptions>>().Value.TemplatesPath),
            sp.GetRequiredService<ChromiumPrinter>()));
        services.AddHealthChecks().Add(new HealthCheckRegistration("chromium",
            sp => new ChromiumHealthCheck(sp.GetRequiredService<IOptions<RenderingOptions>>().Value), null, null));
        return services;
    }
}

using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Configuration;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Economics;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Health;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Submission;
using DisputeKit.Core.Sweeps;
using DisputeKit.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static class CoreServiceCollectionExtensions
{
    /// <summary>The domain and pipeline: matching, gathering, policy, flags and the sweep.</summary>
    public static IServiceCollection AddDisputeKitCore(this IServiceCollection services)
    {
        services.AddOptions<DisputeKitOptions>().BindConfiguration(DisputeKitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EconomicsOptions>().BindConfiguration(EconomicsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SubmissionOptions>().BindConfiguration(SubmissionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FlagOptions>().BindConfiguration(FlagOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DisputeKit.Core.Warnings.WarningOptions>().BindConfiguration(DisputeKit.Core.Warnings.WarningOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BrandingOptions>().BindConfiguration(BrandingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DisputeKit.Core.Support.SupportOptions>().BindConfiguration(DisputeKit.Core.Support.SupportOptions.Section)
            .Validate(o => o.MaxAgeHours > 0, "DisputeKit:Support:MaxAgeHours must be more than 0.").ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DisputeKitOptions>>().Value.ReplayAt is { } at
            ? new ReplayTimeProvider(at, TimeProvider.System)
            : TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DisputeKitOptions>>().Value;
            return RefundPolicyLoader.Load(TemplateFolder.Resolve(options.TemplatesPath), options.PolicyId);
        });
        services.TryAddSingleton(sp =>
        {
            var b = sp.GetRequiredService<IOptions<BrandingOptions>>().Value;
            return new Branding { Name = b.Name, Contact = b.Contact, AccentColor = b.AccentColor, LogoDataUri = b.LogoDataUri() };
        });
        services.TryAddSingleton<DisputeMatcher>();
        // Orders that state no refill period of their own get the policy's drop guarantee (none: no guarantee).
        services.TryAddSingleton<DisputeKit.Core.Support.SupportSync>();
        services.TryAddSingleton<DisputeKit.Core.Support.SupportMessages>();
        services.TryAddSingleton(sp => new EvidenceGatherer(
            sp.GetRequiredService<IMerchantRecords>(), sp.GetRequiredService<DisputeMatcher>(), sp.GetService<IDisputeGateway>(), sp.GetRequiredService<DisputeKit.Core.Support.SupportMessages>())
        {
            DefaultRefillDays = sp.GetRequiredService<RefundPolicy>().DropGuaranteeDays ?? 0,
        });
        services.TryAddSingleton<FlagProposer>();
        services.TryAddSingleton<FlagDesk>();
        services.TryAddSingleton<FlagUpkeep>();
        services.TryAddSingleton<IAccountAction, NoAccountAction>();
        services.TryAddSingleton<IRadarLists, NoRadarLists>();
        services.TryAddSingleton(sp => new DisputeKitMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<CaseActions>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DisputeKitOptions>>().Value;
            return new PackBudget(sp.GetRequiredService<IPackRenderer>(), options.MaxPackPages, options.MaxPackBytes, sp.GetRequiredService<DisputeKitMetrics>());
        });
        services.TryAddSingleton<CaseEvidenceSource>();
        services.TryAddSingleton<CaseSteps>();
        services.TryAddSingleton<CasePipeline>();
        services.TryAddSingleton<PackPreview>();
        services.TryAddSingleton<DisputeKit.Core.Reports.OutcomeReportReader>();
        services.TryAddSingleton<SweepRunner>();
        services.TryAddSingleton<DisputeKit.Core.Warnings.WarningDesk>();
        services.TryAddSingleton<DisputeKit.Core.Events.EventWork>();
        services.TryAddSingleton<DisputeKit.Core.Events.EventSignal>();
        services.AddHealthChecks().Add(new HealthCheckRegistration("last-sweep",
            sp => new LastSweepHealthCheck(sp.GetRequiredService<ISweepLog>(), sp.GetRequiredService<TimeProvider>()), null, null));
        services.AddHealthChecks().Add(new HealthCheckRegistration("support-sources",
            sp => new SupportSourcesHealthCheck(sp.GetRequiredService<DisputeKit.Core.Support.SupportSync>(), sp.GetRequiredService<DisputeKit.Core.Support.SupportMessages>()), null, null));
        return services;
    }
}

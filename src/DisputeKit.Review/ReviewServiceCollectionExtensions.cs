using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Configuration;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DisputeKit.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>The settings of <c>DisputeKit:Review</c>; settings that cannot work are refused here, each naming its setting.</summary>
    public static ReviewOptions ReadReviewOptions(this IConfiguration configuration)
    {
        var options = configuration.GetSection(ReviewOptions.Section).Get<ReviewOptions>() ?? new ReviewOptions();
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        return options;
    }

    /// <summary>Serves the review page from this web host at <see cref="ReviewOptions.Url"/>.</summary>
    public static WebApplicationBuilder AddReviewPage(this WebApplicationBuilder builder, ReviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ReviewSessions>();
        // Orders that state no refill period get the policy's drop guarantee, as in the evidence gatherer.
        builder.Services.AddSingleton(sp => new FlagReviewReader(
            sp.GetRequiredService<IFlagStore>(), sp.GetRequiredService<ICaseStore>(), sp.GetRequiredService<IMerchantRecords>(), sp.GetRequiredService<TimeProvider>())
        {
            DefaultRefillDays = sp.GetRequiredService<RefundPolicy>().DropGuaranteeDays ?? 0,
        });
        builder.Services.AddSingleton(sp =>
            new ReviewTemplates(TemplateFolder.Resolve(sp.GetRequiredService<IOptions<DisputeKitOptions>>().Value.TemplatesPath)));
        return builder;
    }
}

using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Configuration;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Policies;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
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
        builder.Services.AddSignInDefences(options);
        // Orders that state no refill period get the policy's drop guarantee, as in the evidence gatherer.
        builder.Services.AddSingleton(sp => new FlagReviewReader(
            sp.GetRequiredService<IFlagStore>(), sp.GetRequiredService<ICaseStore>(), sp.GetRequiredService<IMerchantRecords>(), sp.GetRequiredService<TimeProvider>())
        {
            DefaultRefillDays = sp.GetRequiredService<RefundPolicy>().DropGuaranteeDays ?? 0,
        });
        builder.Services.AddSingleton<DisputeQueue>();
        builder.Services.AddSingleton<DisputePages>();
        builder.Services.AddSingleton<PackPreviews>();
        builder.Services.AddHostedService<QueueWarmup>();
        builder.Services.AddSingleton(sp =>
            new ReviewTemplates(TemplateFolder.Resolve(sp.GetRequiredService<IOptions<DisputeKitOptions>>().Value.TemplatesPath)));
        return builder;
    }

    /// <summary>The web host with no review page (nobody can sign in), for Stripe's webhooks alone, at <see cref="ReviewOptions.Url"/>.</summary>
    public static WebApplicationBuilder AddWebhooksOnly(this WebApplicationBuilder builder, ReviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        return builder;
    }

    /// <summary>
    /// What guards the sign-in form: ASP.NET's rate limiter on <c>POST /signin</c> (per client
    /// address, and all addresses together, in a sliding window), anti-forgery on the form (login
    /// CSRF), and, when proxies are trusted, their forwarded client address and scheme; HSTS when
    /// configured.
    /// </summary>
    private static void AddSignInDefences(this IServiceCollection services, ReviewOptions options)
    {
        var window = TimeSpan.FromMinutes(options.SignInWindowMinutes);
        SlidingWindowRateLimiterOptions Limit(int permits) => new()
        {
            PermitLimit = permits,
            Window = window,
            SegmentsPerWindow = 10,
            QueueLimit = 0,
            AutoReplenishment = true,
        };

        static bool IsSignIn(HttpContext context) =>
            HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/signin", StringComparison.OrdinalIgnoreCase);

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignIn(context)
                    ? RateLimitPartition.GetSlidingWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Limit(options.SignInsPerAddress))
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignIn(context)
                    ? RateLimitPartition.GetSlidingWindowLimiter("everyone", _ => Limit(options.SignInsInAll))
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => ReviewEndpoints.SignInRefusedAsync(
                rejected.HttpContext, rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window);
        });

        // The sign-in form's token need only outlive the form, as sessions live in this process:
        // keys in memory, never written to the user's profile.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = ReviewEndpoints.SignInFormCookie;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = ReviewEndpoints.SignInFormField;
            antiforgery.HeaderName = null;
            antiforgery.SuppressXFrameOptionsHeader = true;
        });

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                forwarded.KnownIPNetworks.Add(ReviewOptions.ParseProxy(proxy)!.Value);
            }
        });

        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
    }
}

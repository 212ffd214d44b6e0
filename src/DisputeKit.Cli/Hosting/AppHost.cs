using System.ComponentModel.DataAnnotations;
using DisputeKit.Core.Configuration;
using DisputeKit.Core.Merchant;
using DisputeKit.MerchantData;
using DisputeKit.MerchantData.Files;
using DisputeKit.MerchantData.Postgres;
using DisputeKit.Review;
using DisputeKit.Shop;
using DisputeKit.Storage;
using DisputeKit.Storage.Postgres;
using DisputeKit.StripeFake;
using DisputeKit.Worker.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DisputeKit.Cli.Hosting;

/// <summary>Whether a command serves the review page.</summary>
internal enum ReviewPage
{
    Off,
    /// <summary>When someone can sign in to it (<c>run</c>).</summary>
    IfConfigured,
    /// <summary>Refused at start when nobody can sign in (<c>serve</c>).</summary>
    Required,
}

/// <summary>Builds the one service graph every command uses, from configuration and the environment.</summary>
internal sealed class AppHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly EmbeddedStripe? _fake;

    private AppHost(IHost host, EmbeddedStripe? fake, LoadReport merchantData)
    {
        _host = host;
        _fake = fake;
        MerchantData = merchantData;
    }

    public IServiceProvider Services => _host.Services;

    public LoadReport MerchantData { get; }

    public bool UsesLocalFake => _fake is not null;

    /// <summary>
    /// Builds the service graph; with <paramref name="worker"/> the Quartz schedule is added, and with
    /// <paramref name="review"/> the review page, both to be run by <see cref="RunAsync"/>.
    /// </summary>
    public static async Task<AppHost> StartAsync(bool verbose, CancellationToken cancellationToken, bool worker = false, ReviewPage review = ReviewPage.Off)
    {
        IHostApplicationBuilder? builder = null;
        ReviewOptions? reviewOptions = null;
        var webhooks = false;
        if (review != ReviewPage.Off)
        {
            // The web host serves the review page when someone can sign in, and Stripe's webhooks
            // when the worker runs and a signing secret is set: either, both, or neither.
            var web = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory(), Args = [] });
            reviewOptions = ReviewSettings(web.Configuration, review);
            webhooks = worker && web.Configuration.GetSection("Stripe:WebhookSecrets").Get<string[]>() is { } secrets && secrets.Any(s => !string.IsNullOrWhiteSpace(s));
            builder = reviewOptions is null && !webhooks ? null : web;
        }

        builder ??= Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        if (Environment.GetEnvironmentVariable("STRIPE_API_KEY") is { Length: > 0 } envKey && string.IsNullOrWhiteSpace(builder.Configuration["Stripe:ApiKey"]))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Stripe:ApiKey"] = envKey });
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        // ASP.NET Core logs every request (each webhook) at Information: only with --verbose.
        builder.Logging.AddFilter("Microsoft.AspNetCore", verbose ? LogLevel.Information : LogLevel.Warning);

        var fake = await EmbeddedStripe.StartIfNeededAsync(builder.Configuration, cancellationToken);
        try
        {
            var options = builder.Configuration.GetSection(DisputeKitOptions.SectionName).Get<DisputeKitOptions>() ?? new DisputeKitOptions();
            var report = await builder.Services.AddMerchantDataAsync(builder.Configuration, options.MerchantDataPath, cancellationToken);
            builder.Services.AddAccountAction(builder.Configuration);
            builder.Services.AddSupportSources(builder.Configuration);
            builder.Services.AddDisputeKitCore().AddStripeDisputes().AddPackRendering();
            var store = builder.Services.AddStores(builder.Configuration);
            if (worker)
            {
                var schedule = builder.Configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new WorkerOptions();
                builder.Services.AddDisputeKitWorker(schedule, store.UsesPostgres ? store.ConnectionString : null, events: webhooks);
            }

            IHost host;
            if (builder is WebApplicationBuilder web)
            {
                var app = (reviewOptions is null ? web.AddWebhooksOnly(web.Configuration.ReadReviewOptions()) : web.AddReviewPage(reviewOptions)).Build();
                if (reviewOptions is not null)
                {
                    app.MapReviewPage();
                }

                if (webhooks)
                {
                    app.MapStripeWebhook();
                }

                var serves = reviewOptions is null ? "Stripe webhook endpoint" : webhooks ? "review page and the Stripe webhook endpoint" : "review page";
                app.Lifetime.ApplicationStarted.Register(() =>
                {
                    if (reviewOptions is not null)
                    {
                        Console.Error.WriteLine($"disputekit: review page on {string.Join(", ", app.Urls)}");
                    }

                    if (webhooks)
                    {
                        Console.Error.WriteLine($"disputekit: Stripe webhooks on {string.Join(", ", app.Urls.Select(u => u.TrimEnd('/') + StripeWebhookEndpoint.Path))}");
                    }

                    foreach (var url in app.Urls.Where(u => !IsLoopback(u)))
                    {
                        Console.Error.WriteLine(
                            $"warning: the {serves} is served beyond this machine ({url}): put it behind a TLS reverse proxy and keep the port closed to anything else.");
                    }
                });
                host = app;
            }
            else
            {
                host = ((HostApplicationBuilder)builder).Build();
            }

            try
            {
                await host.Services.MigrateStoresAsync(cancellationToken);
                await host.Services.MigrateMerchantDataAsync(cancellationToken);

                // The templates are compiled now: a broken edit is refused at start, naming the file.
                _ = host.Services.GetRequiredService<DisputeKit.Core.Rendering.IPackRenderer>();
                if (worker)
                {
                    await WarmChromiumAsync(host.Services, cancellationToken);
                }
            }
            catch
            {
                host.Dispose();
                throw;
            }

            return new AppHost(host, fake, report);
        }
        catch
        {
            if (fake is not null)
            {
                await fake.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// The review page's settings, read before the host so that a page nobody can sign in to is
    /// not served: <c>serve</c> refuses to start, <c>run</c> runs the worker alone and says so.
    /// </summary>
    private static ReviewOptions? ReviewSettings(IConfiguration configuration, ReviewPage review)
    {
        var options = configuration.ReadReviewOptions();
        if (options.CanSignIn)
        {
            return options;
        }

        const string How = "set DisputeKit:Review:Users:<name>:Password to a hash made by 'disputekit hash-password' (and :Role to finance, support or viewer), or DisputeKit:Review:Token";
        if (review == ReviewPage.Required)
        {
            throw new InvalidOperationException($"The review page needs someone who can sign in: {How}.");
        }

        Console.Error.WriteLine($"disputekit: the review page is not served, as nobody could sign in to it ({How}).");
        return null;
    }

    /// <summary>
    /// The worker starts Chromium before it serves webhooks or logs anything (<see cref="DisputeKit.Rendering.Pdf.ChromiumPrinter.WarmAsync"/>);
    /// one that cannot start is said here and again by each case that needs a pack.
    /// </summary>
    private static async Task WarmChromiumAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<DisputeKit.Rendering.Pdf.ChromiumPrinter>().WarmAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"warning: Chromium could not be started ({e.GetType().Name}: {e.Message}); packs cannot be printed until it can.");
        }
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip)));

    /// <summary>Runs the hosted services (the worker) until the process is asked to stop.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _host.RunAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }
}

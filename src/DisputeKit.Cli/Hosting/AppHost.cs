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
    /// <summary>The key of the merchant database's data source, beside the store's own.</summary>
    public const string MerchantDatabase = "merchant";

    private readonly IHost _host;
    private readonly FakeStripeServer? _fake;

    private AppHost(IHost host, FakeStripeServer? fake, LoadReport merchantData)
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
        if (review != ReviewPage.Off)
        {
            var web = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory(), Args = [] });
            reviewOptions = ReviewSettings(web.Configuration, review);
            builder = reviewOptions is null ? null : web;
        }

        builder ??= Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        if (Environment.GetEnvironmentVariable("STRIPE_API_KEY") is { Length: > 0 } envKey && string.IsNullOrWhiteSpace(builder.Configuration["Stripe:ApiKey"]))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Stripe:ApiKey"] = envKey });
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);

        var fake = await EmbeddedStripe.StartIfNeededAsync(builder.Configuration, cancellationToken);
        try
        {
            var options = builder.Configuration.GetSection(DisputeKitOptions.SectionName).Get<DisputeKitOptions>() ?? new DisputeKitOptions();
            var merchant = builder.Configuration.GetSection(MerchantSourceOptions.SectionName).Get<MerchantSourceOptions>() ?? new MerchantSourceOptions();
            Validate(merchant);
            var report = LoadReport.None;
            if (merchant.UsesPostgres)
            {
                builder.Services.AddKeyedSingleton(MerchantDatabase, (_, _) => merchant.CreateDataSource());
                builder.Services.AddSingleton<IMerchantRecords>(sp =>
                    new PostgresMerchantRecords(sp.GetRequiredKeyedService<NpgsqlDataSource>(MerchantDatabase), merchant.Schema));
            }
            else
            {
                var (records, loaded) = await FileMerchantSource.LoadAsync(options.MerchantDataPath, cancellationToken);
                builder.Services.AddSingleton<IMerchantRecords>(records);
                report = loaded;
            }

            builder.Services.AddAccountAction(builder.Configuration);
            builder.Services.AddDisputeKitCore().AddStripeDisputes().AddPackRendering();
            var store = builder.Configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
            Validate(store);
            if (store.UsesPostgres)
            {
                builder.Services.AddPostgresStores(store.ConnectionString!);
            }
            else
            {
                builder.Services.AddFileStores();
            }

            if (worker)
            {
                var schedule = builder.Configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new WorkerOptions();
                builder.Services.AddDisputeKitWorker(schedule, store.UsesPostgres ? store.ConnectionString : null);
            }

            IHost host;
            if (builder is WebApplicationBuilder web)
            {
                var app = web.AddReviewPage(reviewOptions!).Build();
                app.MapReviewPage();
                app.Lifetime.ApplicationStarted.Register(() => Console.Error.WriteLine($"disputekit: review page on {string.Join(", ", app.Urls)}"));
                host = app;
            }
            else
            {
                host = ((HostApplicationBuilder)builder).Build();
            }

            try
            {
                if (store.UsesPostgres)
                {
                    await PostgresSchema.MigrateAsync(host.Services.GetRequiredService<NpgsqlDataSource>(), cancellationToken);
                }

                if (merchant.UsesPostgres)
                {
                    await MigrateMerchantAsync(host.Services.GetRequiredKeyedService<NpgsqlDataSource>(MerchantDatabase), merchant.Schema, cancellationToken);
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

        const string How = "set DisputeKit:Review:Users:<name> to a hash made by 'disputekit hash-password', or DisputeKit:Review:Token";
        if (review == ReviewPage.Required)
        {
            throw new InvalidOperationException($"The review page needs someone who can sign in: {How}.");
        }

        Console.Error.WriteLine($"disputekit: the review page is not served, as nobody could sign in to it ({How}).");
        return null;
    }

    /// <summary>Creates or upgrades the merchant tables; a database that cannot be reached is named as the merchant one.</summary>
    public static async Task MigrateMerchantAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        try
        {
            await MerchantSchema.MigrateAsync(dataSource, schema, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new MerchantDataUnavailableException($"the merchant records in PostgreSQL could not be used: {e.Message}", e);
        }
    }

    public static void Validate(object settings)
    {
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), errors, validateAllProperties: true))
        {
            throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.ErrorMessage)));
        }
    }

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

using System.ComponentModel.DataAnnotations;
using DisputeKit.Core.Configuration;
using DisputeKit.Core.Merchant;
using DisputeKit.MerchantData.Files;
using DisputeKit.Shop;
using DisputeKit.Storage;
using DisputeKit.Storage.Postgres;
using DisputeKit.StripeFake;
using DisputeKit.Worker.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DisputeKit.Cli.Hosting;

/// <summary>Builds the one service graph every command uses, from configuration and the environment.</summary>
internal sealed class AppHost : IAsyncDisposable
{
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

    /// <summary>Builds the service graph; with <paramref name="worker"/> the Quartz schedule is added, to be run by <see cref="RunAsync"/>.</summary>
    public static async Task<AppHost> StartAsync(bool verbose, CancellationToken cancellationToken, bool worker = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = false,
        });
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
            var (records, report) = await FileMerchantSource.LoadAsync(options.MerchantDataPath, cancellationToken);
            builder.Services.AddSingleton<IMerchantRecords>(records);
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

            var host = builder.Build();
            try
            {
                if (store.UsesPostgres)
                {
                    await PostgresSchema.MigrateAsync(host.Services.GetRequiredService<NpgsqlDataSource>(), cancellationToken);
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

    private static void Validate(StoreOptions store)
    {
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(store, new ValidationContext(store), errors, validateAllProperties: true))
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

using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Configuration;
using DisputeKit.StripeFake;
using Microsoft.Extensions.Configuration;

namespace DisputeKit.Cli.Hosting;

/// <summary>
/// The embedded default: with no Stripe key configured, DisputeKit uses the local Stripe fake on
/// 127.0.0.1, seeded from the sample set and keeping its state under the data folder, and replays
/// the sample set at its <c>as_of</c> time. One fake serves a data folder: the first process
/// starts it and holds a lock on <c>stripe-fake/fake.lock</c> while it runs; another process
/// started meanwhile on the same folder uses that fake (its address and key are in
/// <c>stripe-fake/endpoint.json</c>), so two processes never keep two copies of Stripe's state.
/// </summary>
internal sealed class EmbeddedStripe : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly FakeStripeServer? _fake;
    private readonly FileStream? _lock;

    private EmbeddedStripe(FakeStripeServer? fake, FileStream? held)
    {
        _fake = fake;
        _lock = held;
    }

    /// <summary>True when this process runs the fake; false when it uses one another process runs.</summary>
    public bool Owner => _fake is not null;

    public static async Task<EmbeddedStripe?> StartIfNeededAsync(IConfigurationManager configuration, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Stripe:ApiKey"]))
        {
            return null;
        }

        var options = configuration.GetSection(DisputeKitOptions.SectionName).Get<DisputeKitOptions>() ?? new DisputeKitOptions();
        var folder = Path.Combine(options.DataPath, "stripe-fake");
        DisputeKit.Storage.Files.DataFolder.EnsureWritable(folder);
        var endpointPath = Path.Combine(folder, "endpoint.json");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (TryLock(Path.Combine(folder, "fake.lock")) is { } held)
            {
                var key = "sk_test_local_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
                var fake = await FakeStripeServer.StartAsync(new FakeStripeOptions
                {
                    ApiKey = key,
                    SeedFolder = Path.Combine(options.MerchantDataPath, "stripe"),
                    StatePath = Path.Combine(folder, "state.json"),
                }, cancellationToken);
                await File.WriteAllTextAsync(endpointPath, new JsonObject { ["base"] = fake.BaseUri.ToString(), ["key"] = key }.ToJsonString(), cancellationToken);
                Point(configuration, options, fake.BaseUri, key);
                return new EmbeddedStripe(fake, held);
            }

            // Another process runs this folder's fake: use it once it answers.
            if (await RunningAsync(endpointPath, cancellationToken) is { } running)
            {
                Point(configuration, options, running.Base, running.Key);
                return new EmbeddedStripe(null, null);
            }

            if (waited.Elapsed > Wait)
            {
                throw new InvalidOperationException(
                    $"Another DisputeKit process holds the local Stripe fake of {folder} but it does not answer; stop that process (or wait for it) and try again.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }

        if (_lock is not null)
        {
            await _lock.DisposeAsync();
        }
    }

    /// <summary>The lock, held until disposed (the system drops it when the process dies); null when another process holds it.</summary>
    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<(Uri Base, string Key)?> RunningAsync(string endpointPath, CancellationToken cancellationToken)
    {
        try
        {
            var endpoint = JsonNode.Parse(await File.ReadAllTextAsync(endpointPath, cancellationToken));
            if (endpoint?["base"]?.GetValue<string>() is not { } written || endpoint["key"]?.GetValue<string>() is not { } key
                || !Uri.TryCreate(written, UriKind.Absolute, out var address))
            {
                return null;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "v1/disputes?limit=1"));
            probe.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var answer = await http.SendAsync(probe, cancellationToken);
            return answer.IsSuccessStatusCode ? (address, key) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void Point(IConfigurationManager configuration, DisputeKitOptions options, Uri address, string key)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = key,
            ["Stripe:ApiBase"] = address.ToString(),
            ["Stripe:FilesBase"] = address.ToString(),
        };
        if (options.ReplayAt is null && AsOf(options.MerchantDataPath) is { } asOf)
        {
            overrides["DisputeKit:ReplayAt"] = asOf;
        }

        configuration.AddInMemoryCollection(overrides);
    }

    private static string? AsOf(string merchantDataPath)
    {
        var manifest = Path.Combine(merchantDataPath, "manifest.json");
        return File.Exists(manifest) ? JsonNode.Parse(File.ReadAllText(manifest))?["as_of"]?.GetValue<string>() : null;
    }
}

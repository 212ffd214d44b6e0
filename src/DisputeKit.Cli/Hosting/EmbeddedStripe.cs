using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DisputeKit.Core.Configuration;
using DisputeKit.StripeFake;
using Microsoft.Extensions.Configuration;

namespace DisputeKit.Cli.Hosting;

/// <summary>
/// The embedded default: with no Stripe key configured, DisputeKit starts the local Stripe fake
/// on 127.0.0.1, seeded from the sample set and keeping its state under the data folder,
/// and replays the sample set at its <c>as_of</c> time.
/// </summary>
internal static class EmbeddedStripe
{
    public static async Task<FakeStripeServer?> StartIfNeededAsync(IConfigurationManager configuration, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Stripe:ApiKey"]))
        {
            return null;
        }

        var options = configuration.GetSection(DisputeKitOptions.SectionName).Get<DisputeKitOptions>() ?? new DisputeKitOptions();
        var key = "sk_test_local_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var fake = await FakeStripeServer.StartAsync(new FakeStripeOptions
        {
            ApiKey = key,
            SeedFolder = Path.Combine(options.MerchantDataPath, "stripe"),
            StatePath = Path.Combine(options.DataPath, "stripe-fake", "state.json"),
        }, cancellationToken);

        var overrides = new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = key,
            ["Stripe:ApiBase"] = fake.BaseUri.ToString(),
            ["Stripe:FilesBase"] = fake.BaseUri.ToString(),
        };
        if (options.ReplayAt is null && AsOf(options.MerchantDataPath) is { } asOf)
        {
            overrides["DisputeKit:ReplayAt"] = asOf;
        }

        configuration.AddInMemoryCollection(overrides);
        return fake;
    }

    private static string? AsOf(string merchantDataPath)
    {
        var manifest = Path.Combine(merchantDataPath, "manifest.json");
        return File.Exists(manifest) ? JsonNode.Parse(File.ReadAllText(manifest))?["as_of"]?.GetValue<string>() : null;
    }
}

using System.Text.Json.Nodes;
using DisputeKit.Stripe.Client;
using DisputeKit.Stripe.Gateway;
using DisputeKit.StripeFake;

namespace DisputeKit.Stripe.Tests.Client;

/// <summary>A fake Stripe on 127.0.0.1 seeded with generated disputes, and a client pointed at it.</summary>
internal sealed class FakeStripe : IAsyncDisposable
{
    public const string Key = "sk_test_fixture_key_0123456789";

    private FakeStripe(FakeStripeServer server, string seedFolder)
    {
        Server = server;
        SeedFolder = seedFolder;
        Http = new HttpClient();
        Client = StripeHttp.CreateGateway(Options(server));
    }

    public FakeStripeServer Server { get; }
    public string SeedFolder { get; }
    public HttpClient Http { get; }
    /// <summary>A gateway on the stack the product uses (Stripe.net over the resilience pipeline).</summary>
    public StripeGateway Client { get; }

    /// <summary>Client options for the fake, with short retry delays so tests run fast.</summary>
    public static StripeOptions Options(FakeStripeServer server, string key = Key) =>
        new() { ApiKey = key, ApiBase = server.BaseUri, FilesBase = server.BaseUri, RetryBaseDelayMilliseconds = 5, RetryMaxDelaySeconds = 3, ApiRequestsPerSecond = 1000 };

    public StripeGateway NewClient(Action<StripeOptions> configure)
    {
        var options = Options(Server);
        configure(options);
        return StripeHttp.CreateGateway(options);
    }

    public static async Task<FakeStripe> StartAsync(int disputes, string? statePath = null, int? pageLimit = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dk-fake-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var list = new JsonArray();
        var charges = new JsonArray();
        for (var i = 0; i < disputes; i++)
        {
            list.Add(new JsonObject
            {
                ["id"] = $"dp_{i:D5}",
                ["object"] = "dispute",
                ["amount"] = 1000 + i,
                ["currency"] = "eur",
                ["charge"] = $"ch_{i:D5}",
                ["created"] = 1_790_000_000 + i,
                ["reason"] = "product_not_received",
                ["status"] = i % 10 == 9 ? "won" : "needs_response",
                ["evidence"] = new JsonObject(),
                ["evidence_details"] = new JsonObject { ["due_by"] = 1_800_000_000, ["has_evidence"] = false, ["past_due"] = false, ["submission_count"] = 0 },
                ["metadata"] = new JsonObject(),
                ["payment_intent"] = $"pi_{i:D5}",
                ["unknown_future_field"] = new JsonObject { ["x"] = 1 },
            });
            charges.Add(new JsonObject
            {
                ["id"] = $"ch_{i:D5}",
                ["object"] = "charge",
                ["amount"] = 1000 + i,
                ["currency"] = "eur",
                ["created"] = 1_789_000_000,
                ["customer"] = "cus_1",
                ["billing_details"] = new JsonObject { ["email"] = "a@b.test", ["name"] = "A B" },
                ["payment_method_details"] = new JsonObject { ["card"] = new JsonObject { ["fingerprint"] = "fp1", ["last4"] = "4242", ["brand"] = "visa" } },
                ["metadata"] = new JsonObject { ["order_id"] = $"VL-{i}" },
            });
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "disputes.json"), list.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(folder, "charges.json"), charges.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(folder, "customers.json"), new JsonArray(
            new JsonObject { ["id"] = "cus_1", ["object"] = "customer", ["email"] = "a@b.test", ["name"] = "A B", ["metadata"] = new JsonObject { ["shop_customer_id"] = "C1" } },
            new JsonObject { ["id"] = "cus_gone", ["object"] = "customer", ["deleted"] = true }).ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(folder, "payment_intents.json"), new JsonArray(
            new JsonObject { ["id"] = "pi_00000", ["object"] = "payment_intent", ["amount"] = 1000, ["currency"] = "eur", ["latest_charge"] = "ch_00000" }).ToJsonString());
        var server = await FakeStripeServer.StartAsync(new FakeStripeOptions { ApiKey = Key, SeedFolder = folder, StatePath = statePath, EvidencePageLimit = pageLimit }, CancellationToken.None);
        return new FakeStripe(server, folder);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Http.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(SeedFolder, recursive: true);
    }
}

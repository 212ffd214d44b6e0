using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DisputeKit.Review;
using DisputeKit.Testing;

namespace DisputeKit.Cli.Tests.Review;

using Cli = DisputeKit.Cli.Tests.Commands.Cli;

/// <summary>
/// One embedded-default sweep, then the real <c>disputekit serve</c> over its data with two
/// reviewers, the shop's account action a signed webhook to a test server on 127.0.0.1, and one
/// flagged customer renamed to carry a script tag (copied records; the samples stay as they are).
/// </summary>
public sealed class ReviewFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery";
    public const string Secret = "whsec_review_test_0123456789";
    public const string ScriptName = "<script>alert('x')</script> Mallory";

    private Cli.Serving? _serve;

    public string WorkDir { get; } = Path.Combine(Path.GetTempPath(), "dk-review-" + Guid.NewGuid().ToString("N"));

    public string Data => Path.Combine(WorkDir, "data");

    public string Records => Path.Combine(WorkDir, "records");

    public ShopServer Shop { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The customer renamed to <see cref="ScriptName"/>: a proposed flag whose disputes claim no card theft.</summary>
    public string ScriptCustomer { get; private set; } = null!;

    /// <summary>Proposed flags (customer id, severity, dispute reasons) as the sweep left them.</summary>
    public IReadOnlyList<(string Customer, string Severity, string[] Reasons)> Proposed { get; private set; } = [];

    public string Log => _serve?.Log ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(WorkDir);
        var ct = CancellationToken.None;
        var sweep = await Cli.RunAsync(WorkDir, Cli.Settings(Data), ct, "sweep");
        if (sweep.ExitCode != 0)
        {
            throw new InvalidOperationException($"The set-up sweep failed ({sweep.ExitCode}): {sweep.Error}");
        }

        var list = await Cli.RunAsync(WorkDir, Cli.Settings(Data), ct, "flags", "list", "--state", "proposed", "--json");
        Proposed = [.. JsonNode.Parse(list.Output)!.AsArray().Select(f => (
            f!["customer_id"]!.GetValue<string>(),
            f["severity"]!.GetValue<string>(),
            f["disputes"]!.AsArray().Select(d => d!["dispute_reason"]!.GetValue<string>()).ToArray()))];
        ScriptCustomer = Proposed.Where(p => p.Severity != "review").Select(p => p.Customer).Order(StringComparer.Ordinal).First();

        // The same records, one customer renamed.
        Directory.CreateDirectory(Records);
        foreach (var file in Directory.GetFiles(Cli.Samples))
        {
            File.Copy(file, Path.Combine(Records, Path.GetFileName(file)));
        }

        var customers = Path.Combine(Records, "customers.jsonl");
        var lines = File.ReadAllLines(customers).Select(line =>
        {
            var customer = JsonNode.Parse(line)!.AsObject();
            if (customer["id"]!.GetValue<string>() == ScriptCustomer)
            {
                customer["name"] = ScriptName;
            }

            return customer.ToJsonString();
        });
        await File.WriteAllLinesAsync(customers, lines, ct);

        Shop = await ShopServer.StartAsync();
        _serve = await Cli.StartServingAsync(WorkDir, Settings(), ct, "serve");
        BaseUrl = _serve.Url;
    }

    private Dictionary<string, string> Settings()
    {
        var settings = Cli.Settings(Data, Records);
        settings["DisputeKit__Review__Url"] = "http://127.0.0.1:0";
        settings["DisputeKit__Review__Users__ana"] = PasswordHash.Create(Password);
        settings["DisputeKit__Review__Users__bob"] = PasswordHash.Create(Password);
        // ana and bob are set the older way, a hash alone: support, as before roles. Finance and a viewer the newer way.
        settings["DisputeKit__Review__Users__fiona__Password"] = PasswordHash.Create(Password);
        settings["DisputeKit__Review__Users__fiona__Role"] = "finance";
        settings["DisputeKit__Review__Users__vic__Password"] = PasswordHash.Create(Password);
        settings["DisputeKit__Review__Users__vic__Role"] = "viewer";
        // Many sign-ins from one address across the tests; the limits have their own test. 127.0.0.9 plays the TLS proxy.
        settings["DisputeKit__Review__SignInsPerAddress"] = "1000";
        settings["DisputeKit__Review__SignInsInAll"] = "1000";
        settings["DisputeKit__Review__TrustedProxies__0"] = "127.0.0.9";
        settings["DisputeKit__Review__Hsts"] = "true";
        settings["DisputeKit__AccountAction__Kind"] = "webhook";
        settings["DisputeKit__AccountAction__Url"] = Shop.Url + "/accounts";
        settings["DisputeKit__AccountAction__Secret"] = Secret;
        settings["DisputeKit__AccountAction__Attempts"] = "2";
        return settings;
    }


    /// <summary>The stored open or latest flag of a customer, as the command line shows it.</summary>
    public async Task<JsonObject> FlagAsync(string customer, CancellationToken cancellationToken)
    {
        var show = await Cli.RunAsync(WorkDir, Cli.Settings(Data, Records), cancellationToken, "flags", "show", customer, "--json");
        return JsonNode.Parse(show.Output)!.AsArray()[0]!.AsObject();
    }

    /// <summary>Runs a command on the same data and records as the app serves.</summary>
    internal Task<Cli.Run> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        Cli.RunAsync(WorkDir, Cli.Settings(Data, Records), cancellationToken, args);

    /// <summary>The case file of a dispute, as the sweep and the actions wrote it.</summary>
    public JsonObject Case(string disputeId) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Data, "cases", disputeId + ".json")))!.AsObject();

    /// <summary>Requests the local Stripe fake received, POSTs to <paramref name="path"/>.</summary>
    public IEnumerable<JsonObject> StripePosts(string path) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Data, "stripe-fake", "state.json")))!["Requests"]!.AsArray().Cast<JsonObject>()
            .Where(r => r["Method"]!.GetValue<string>() == "POST" && r["Path"]!.GetValue<string>() == path);

    /// <summary>The bytes of every case file: a refused request must leave them exactly as they were.</summary>
    public IReadOnlyDictionary<string, string> CaseFiles() =>
        Directory.GetFiles(Path.Combine(Data, "cases"), "*.json")
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    /// <summary>The bytes of every flag file: a refused request must leave them exactly as they were.</summary>
    public IReadOnlyDictionary<string, string> FlagFiles() =>
        Directory.GetFiles(Path.Combine(Data, "flags"), "*.json", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        if (_serve is { Process.HasExited: false })
        {
            await Cli.TerminateAsync(_serve.Process, CancellationToken.None);
        }

        _serve?.Dispose();
        await Shop.DisposeAsync();
        Directory.Delete(WorkDir, recursive: true);
    }
}

using System.Text.Json.Nodes;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>One embedded-default sweep in a fresh folder, for the finance commands to work on.</summary>
public sealed class FinanceFixture : IAsyncLifetime
{
    public string WorkDir { get; } = Path.Combine(Path.GetTempPath(), "dk-finance-" + Guid.NewGuid().ToString("N"));

    public string Data => Path.Combine(WorkDir, "data");

    public IReadOnlyList<JsonObject> Scenarios { get; } =
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "scenarios.json")))!.AsArray().Cast<JsonObject>()];

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(WorkDir);
        var sweep = await RunAsync(CancellationToken.None, "sweep");
        if (sweep.ExitCode != 0)
        {
            throw new InvalidOperationException($"The set-up sweep failed ({sweep.ExitCode}): {sweep.Error}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(WorkDir, recursive: true);
        return ValueTask.CompletedTask;
    }

    internal Task<Cli.Run> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        Cli.RunAsync(WorkDir, Cli.Settings(Data), cancellationToken, args);

    /// <summary>Ids of scenarios expected in <paramref name="state"/>, in a stable order.</summary>
    public IReadOnlyList<string> Ids(string state) =>
        [.. Scenarios.Where(s => s["expected_state"]!.GetValue<string>() == state).Select(s => s["dispute_id"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    public JsonObject Case(string disputeId) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Data, "cases", disputeId + ".json")))!.AsObject();

    public JsonObject FakeState() => JsonNode.Parse(File.ReadAllText(Path.Combine(Data, "stripe-fake", "state.json")))!.AsObject();

    /// <summary>The dispute as the fake holds it now.</summary>
    public JsonObject FakeDispute(string disputeId) =>
        FakeState()["Disputes"]!.AsArray().Cast<JsonObject>().Single(d => d["id"]!.GetValue<string>() == disputeId);

    public IEnumerable<JsonObject> Posts(string path) =>
        FakeState()["Requests"]!.AsArray().Cast<JsonObject>()
            .Where(r => r["Method"]!.GetValue<string>() == "POST" && r["Path"]!.GetValue<string>() == path);
}

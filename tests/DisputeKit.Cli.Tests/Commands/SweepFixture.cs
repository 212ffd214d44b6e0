using System.Text.Json.Nodes;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>Runs the embedded-default sweep twice in a fresh folder; the tests read what it left.</summary>
public sealed class SweepFixture : IAsyncLifetime
{
    public string WorkDir { get; } = Path.Combine(Path.GetTempPath(), "dk-e2e-" + Guid.NewGuid().ToString("N"));

    public string Data => Path.Combine(WorkDir, "data");

    internal Cli.Run First { get; private set; } = null!;

    internal Cli.Run Second { get; private set; } = null!;

    public JsonArray RequestsAfterFirst { get; private set; } = null!;

    public JsonArray RequestsAfterSecond { get; private set; } = null!;

    public IReadOnlyList<JsonObject> Scenarios { get; } =
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "scenarios.json")))!.AsArray().Cast<JsonObject>()];

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(WorkDir);
        var settings = Cli.Settings(Data);
        First = await Cli.RunAsync(WorkDir, settings, CancellationToken.None, "sweep");
        RequestsAfterFirst = Requests();
        Second = await Cli.RunAsync(WorkDir, settings, CancellationToken.None, "sweep");
        RequestsAfterSecond = Requests();
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(WorkDir, recursive: true);
        return ValueTask.CompletedTask;
    }

    public JsonObject Case(string disputeId) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Data, "cases", disputeId + ".json")))!.AsObject();

    private JsonArray Requests()
    {
        var path = Path.Combine(Data, "stripe-fake", "state.json");
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!["Requests"]!.AsArray() : [];
    }
}

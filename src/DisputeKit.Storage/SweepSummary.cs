using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using DisputeKit.Core.Sweeps;

namespace DisputeKit.Storage;

/// <summary>The written form of a sweep summary, the same in every store.</summary>
internal static class SweepSummary
{
    public static byte[] Serialize(SweepResult result, bool indented) =>
        JsonSerializer.SerializeToUtf8Bytes(Summary(result), indented ? DisputeKitJson.Indented : DisputeKitJson.Options);

    /// <summary>The same JSON as <see cref="Serialize"/>, written to <paramref name="stream"/> as it is made.</summary>
    public static Task SerializeAsync(Stream stream, SweepResult result, bool indented, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, Summary(result), indented ? DisputeKitJson.Indented : DisputeKitJson.Options, cancellationToken);

    private static object Summary(SweepResult result) => new
    {
        result.Scope,
        result.StartedAt,
        result.FinishedAt,
        Disputes = result.Outcomes.Count,
        result.Changed,
        Failed = result.Count(CaseState.Failed),
        result.Urgent,
        result.Telemetry,
        result.Flags,
        result.Warnings,
        result.Outcomes,
    };

    /// <summary>The headline of a written summary; null when it is not one.</summary>
    public static LastSweep? Headline(string json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject summary
                || summary["started_at"] is not JsonValue started || summary["finished_at"] is not JsonValue finished)
            {
                return null;
            }

            return new LastSweep(
                Enum.Parse<SweepScope>(summary["scope"]?.GetValue<string>() ?? "all", ignoreCase: true),
                started.GetValue<DateTimeOffset>(),
                finished.GetValue<DateTimeOffset>(),
                summary["disputes"]?.GetValue<int>() ?? 0,
                summary["failed"]?.GetValue<int>() ?? 0,
                summary["urgent"]?.GetValue<int>() ?? 0);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}

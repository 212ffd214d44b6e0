using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using DisputeKit.Core.Sweeps;

namespace DisputeKit.Storage.Files;

/// <summary>Writes each sweep's summary to <c>data/sweeps/{started}.json</c>.</summary>
public sealed class FileSweepLog(DataFolder folder) : ISweepLog
{
    public Task WriteAsync(SweepResult result, CancellationToken cancellationToken)
    {
        var name = result.StartedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + ".json";
        var summary = new
        {
            result.Scope,
            result.StartedAt,
            result.FinishedAt,
            Disputes = result.Outcomes.Count,
            result.Changed,
            Failed = result.Count(CaseState.Failed),
            result.Urgent,
            result.Telemetry,
            result.Outcomes,
        };
        return AtomicFile.WriteAsync(Path.Combine(folder.Sweeps, name), JsonSerializer.SerializeToUtf8Bytes(summary, DisputeKitJson.Indented), cancellationToken);
    }

    public async Task<LastSweep?> LatestAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder.Sweeps))
        {
            return null;
        }

        // Names sort by start time; a summary that cannot be read is passed over for the one before it.
        foreach (var file in Directory.EnumerateFiles(folder.Sweeps, "*.json").OrderDescending(StringComparer.Ordinal))
        {
            try
            {
                if (JsonNode.Parse(await File.ReadAllTextAsync(file, cancellationToken)) is not JsonObject json
                    || json["started_at"] is not JsonValue started || json["finished_at"] is not JsonValue finished)
                {
                    continue;
                }

                return new LastSweep(
                    Enum.Parse<SweepScope>(json["scope"]?.GetValue<string>() ?? "all", ignoreCase: true),
                    started.GetValue<DateTimeOffset>(),
                    finished.GetValue<DateTimeOffset>(),
                    json["disputes"]?.GetValue<int>() ?? 0,
                    json["failed"]?.GetValue<int>() ?? 0,
                    json["urgent"]?.GetValue<int>() ?? 0);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
            {
                continue;
            }
        }

        return null;
    }
}

using System.Globalization;
using System.Text.Json;
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
            result.StartedAt,
            result.FinishedAt,
            Disputes = result.Outcomes.Count,
            result.Changed,
            result.Outcomes,
        };
        return AtomicFile.WriteAsync(Path.Combine(folder.Sweeps, name), JsonSerializer.SerializeToUtf8Bytes(summary, DisputeKitJson.Indented), cancellationToken);
    }
}

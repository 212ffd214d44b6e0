using System.Globalization;
using DisputeKit.Core.Sweeps;

namespace DisputeKit.Storage.Files;

/// <summary>Writes each sweep's summary to <c>data/sweeps/{started}.json</c>.</summary>
public sealed class FileSweepLog(DataFolder folder) : ISweepLog
{
    public Task WriteAsync(SweepResult result, CancellationToken cancellationToken)
    {
        var name = result.StartedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + ".json";
        // Written as it is serialised: ten thousand outcomes are megabytes of JSON, never held whole.
        return AtomicFile.WriteAsync(Path.Combine(folder.Sweeps, name), (stream, ct) => SweepSummary.SerializeAsync(stream, result, indented: true, ct), overwrite: true, cancellationToken);
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
            if (SweepSummary.Headline(await File.ReadAllTextAsync(file, cancellationToken)) is { } headline)
            {
                return headline;
            }
        }

        return null;
    }
}

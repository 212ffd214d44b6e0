using System.Globalization;
using DisputeKit.Core.Sweeps;

namespace DisputeKit.Storage.Files;

/// <summary>Writes each sweep's summary to <c>data/sweeps/{started}.json</c>, its outcomes as they come.</summary>
public sealed class FileSweepLog(DataFolder folder) : ISweepLog
{
    public Task<ISweepRecord> BeginAsync(SweepScope scope, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder.Sweeps);
        RemoveLeftovers();
        var path = Path.Combine(folder.Sweeps, startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + ".json");
        // Written beside its name and renamed into it once whole, as AtomicFile does: readers see a finished summary or none.
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        return Task.FromResult<ISweepRecord>(new Record(path, temp, stream));
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

    /// <summary>Summaries a killed process was writing: their process is gone, so nobody will finish them.</summary>
    private void RemoveLeftovers()
    {
        foreach (var file in Directory.EnumerateFiles(folder.Sweeps, "*.tmp"))
        {
            // {started}.json.{pid}.{guid}.tmp
            var parts = Path.GetFileName(file).Split('.');
            if (parts.Length == 5 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId && !Running(pid))
            {
                File.Delete(file);
            }
        }
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private sealed class Record(string path, string temp, FileStream stream) : ISweepRecord
    {
        private readonly SweepSummary _summary = new(stream, indented: true);
        private bool _kept;

        public void Add(CaseOutcome outcome) => _summary.Add(outcome);

        public async Task FinishAsync(SweepResult result, CancellationToken cancellationToken)
        {
            await _summary.FinishAsync(result, cancellationToken);
            _summary.Dispose();
            // On the disk before the rename makes it the file.
            stream.Flush(flushToDisk: true);
            await stream.DisposeAsync();
            File.Move(temp, path, overwrite: true);
            _kept = true;
        }

        public async ValueTask DisposeAsync()
        {
            _summary.Dispose();
            await stream.DisposeAsync();
            if (!_kept)
            {
                // A sweep that stopped leaves no summary, as before outcomes were written as they came.
                File.Delete(temp);
            }
        }
    }
}

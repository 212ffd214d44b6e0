using System.Collections.Concurrent;
using System.Text.Json;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;

namespace DisputeKit.Storage.Files;

/// <summary>Cases as one JSON file each under <c>data/cases/</c>, packs under <c>data/packs/</c>.</summary>
public sealed class FileCaseStore(DataFolder folder) : ICaseStore
{
    /// <summary>The queue row of each case file as last read, with the file's write time and length then.</summary>
    private readonly ConcurrentDictionary<string, KeptRow> _rows = new(StringComparer.Ordinal);

    private sealed record KeptRow(DateTime WrittenAt, long Length, CaseRow? Row, string? Problem);

    public async Task<DisputeCase?> GetAsync(string disputeId, CancellationToken cancellationToken)
    {
        var path = CasePath(disputeId);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<DisputeCase>(stream, DisputeKitJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Case file {path} is not a valid case record: {e.Message}", e);
        }
    }

    public Task SaveAsync(DisputeCase disputeCase, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(CasePath(disputeCase.DisputeId),
            JsonSerializer.SerializeToUtf8Bytes(disputeCase, DisputeKitJson.Indented), cancellationToken);

    public async IAsyncEnumerable<StoredCase> ScanAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder.Cases))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder.Cases, "*.json").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            StoredCase? stored;
            try
            {
                stored = await GetAsync(id, cancellationToken) is { } c ? new StoredCase(id, c, null) : null;
            }
            catch (InvalidDataException e)
            {
                stored = new StoredCase(id, null, e.Message);
            }

            if (stored is not null)
            {
                yield return stored;
            }
        }
    }

    /// <summary>
    /// Reads only the case files written since the last call (a save replaces the file, so its
    /// write time and length change); the rest are answered from the rows kept then.
    /// </summary>
    public async Task<CaseRows> RowsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<CaseRow>();
        var unreadable = new List<UnreadableCase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cases = new DirectoryInfo(folder.Cases);
        foreach (var file in cases.Exists ? cases.EnumerateFiles("*.json") : [])
        {
            var id = Path.GetFileNameWithoutExtension(file.Name);
            seen.Add(id);
            if (!_rows.TryGetValue(id, out var kept) || kept.WrittenAt != file.LastWriteTimeUtc || kept.Length != file.Length)
            {
                kept = await ReadRowAsync(id, file, cancellationToken);
                _rows[id] = kept;
            }

            if (kept.Row is { } row)
            {
                rows.Add(row);
            }
            else if (kept.Problem is { } problem)
            {
                unreadable.Add(new UnreadableCase(id, problem));
            }
        }

        foreach (var gone in _rows.Keys.Where(id => !seen.Contains(id)).ToList())
        {
            _rows.TryRemove(gone, out _);
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.DisputeId, b.DisputeId));
        unreadable.Sort((a, b) => string.CompareOrdinal(a.DisputeId, b.DisputeId));
        return new CaseRows(rows, unreadable);
    }

    private async Task<KeptRow> ReadRowAsync(string id, FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return new KeptRow(file.LastWriteTimeUtc, file.Length, await GetAsync(id, cancellationToken) is { } c ? CaseRow.Of(c) : null, null);
        }
        catch (InvalidDataException e)
        {
            return new KeptRow(file.LastWriteTimeUtc, file.Length, null, e.Message);
        }
    }

    public async Task<string> SavePackAsync(string disputeId, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken)
    {
        var path = PackPath(disputeId);
        await AtomicFile.WriteAsync(path, pdf, cancellationToken);
        return Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
    }

    public async Task<byte[]?> ReadPackAsync(string disputeId, CancellationToken cancellationToken)
    {
        var path = PackPath(disputeId);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public Task<IAsyncDisposable?> TryClaimAsync(string disputeId, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(FileLock.TryAcquire(Path.Combine(folder.Claims, DataFolder.SafeName(disputeId) + ".claim")));

    private string CasePath(string disputeId) => Path.Combine(folder.Cases, DataFolder.SafeName(disputeId) + ".json");

    private string PackPath(string disputeId) => Path.Combine(folder.Packs, DataFolder.SafeName(disputeId) + ".pdf");
}

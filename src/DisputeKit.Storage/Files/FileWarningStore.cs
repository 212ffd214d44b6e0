using System.Text.Json;
using DisputeKit.Core.Json;
using DisputeKit.Core.Warnings;

namespace DisputeKit.Storage.Files;

/// <summary>Early fraud warnings' cases as JSON under <c>data/warnings/</c>, one file each; claims beside the cases' in <c>data/claims/</c>.</summary>
public sealed class FileWarningStore(DataFolder folder) : IWarningStore
{
    public async Task<WarningCase?> GetAsync(string warningId, CancellationToken cancellationToken)
    {
        var path = WarningPath(warningId);
        return File.Exists(path) ? await ReadAsync(path, cancellationToken) : null;
    }

    public Task SaveAsync(WarningCase warning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return AtomicFile.WriteAsync(WarningPath(warning.Id), JsonSerializer.SerializeToUtf8Bytes(warning, DisputeKitJson.Indented), cancellationToken);
    }

    public async Task<IReadOnlyList<WarningCase>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder.Warnings))
        {
            return [];
        }

        var all = new List<WarningCase>();
        foreach (var file in Directory.EnumerateFiles(folder.Warnings, "*.json"))
        {
            all.Add(await ReadAsync(file, cancellationToken));
        }

        return [.. all.OrderByDescending(w => w.WarnedAt).ThenBy(w => w.Id, StringComparer.Ordinal)];
    }

    public Task<IAsyncDisposable?> TryClaimAsync(string warningId, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(FileLock.TryAcquire(Path.Combine(folder.Claims, DataFolder.SafeName(warningId) + ".claim")));

    private static async Task<WarningCase> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<WarningCase>(stream, DisputeKitJson.Options, cancellationToken)
                ?? throw new JsonException("the record is null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Warning file {path} is not a valid warning record: {e.Message}", e);
        }
    }

    private string WarningPath(string warningId) => Path.Combine(folder.Warnings, DataFolder.SafeName(warningId) + ".json");
}

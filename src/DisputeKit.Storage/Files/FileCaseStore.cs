using System.Text.Json;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;

namespace DisputeKit.Storage.Files;

/// <summary>Cases as one JSON file each under <c>data/cases/</c>, packs under <c>data/packs/</c>.</summary>
public sealed class FileCaseStore(DataFolder folder) : ICaseStore
{
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

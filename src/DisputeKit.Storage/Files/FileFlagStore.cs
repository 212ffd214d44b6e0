using System.Text.Json;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Json;

namespace DisputeKit.Storage.Files;

/// <summary>Account flags as one JSON file per customer under <c>data/flags/</c>.</summary>
public sealed class FileFlagStore(DataFolder folder) : IFlagStore
{
    public async Task<AccountFlag?> GetOpenAsync(string customerId, CancellationToken cancellationToken)
    {
        var flag = await ReadAsync(FlagPath(customerId), cancellationToken);
        return flag is { State: "proposed" or "confirmed" } ? flag : null;
    }

    public Task SaveAsync(AccountFlag flag, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(FlagPath(flag.CustomerId), JsonSerializer.SerializeToUtf8Bytes(flag, DisputeKitJson.Indented), cancellationToken);

    public async Task<bool> UpdateOpenAsync(string customerId, Func<AccountFlag?, AccountFlag?> change, CancellationToken cancellationToken)
    {
        var path = FlagPath(customerId);
        await using var held = await FileLock.AcquireAsync(path + ".lock", TimeSpan.FromSeconds(30), cancellationToken);
        var open = await GetOpenAsync(customerId, cancellationToken);
        if (change(open) is not { } changed)
        {
            return false;
        }

        await SaveAsync(changed, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<AccountFlag>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder.Flags))
        {
            return [];
        }

        var flags = new List<AccountFlag>();
        foreach (var file in Directory.EnumerateFiles(folder.Flags, "*.json").Order(StringComparer.Ordinal))
        {
            if (await ReadAsync(file, cancellationToken) is { } flag)
            {
                flags.Add(flag);
            }
        }

        return flags;
    }

    private static async Task<AccountFlag?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<AccountFlag>(stream, DisputeKitJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Flag file {path} is not a valid flag record: {e.Message}", e);
        }
    }

    private string FlagPath(string customerId) => Path.Combine(folder.Flags, DataFolder.SafeName(customerId) + ".json");
}

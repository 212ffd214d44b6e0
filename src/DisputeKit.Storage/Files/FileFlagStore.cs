using System.Runtime.CompilerServices;
using System.Text.Json;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Json;

namespace DisputeKit.Storage.Files;

/// <summary>
/// Account flags as JSON under <c>data/flags/</c>: each customer's latest flag in
/// <c>&lt;customer&gt;.json</c>, and earlier, closed ones in <c>closed/&lt;customer&gt;/&lt;flag&gt;.json</c>.
/// </summary>
public sealed class FileFlagStore(DataFolder folder) : IFlagStore
{
    public async Task<AccountFlag?> GetOpenAsync(string customerId, CancellationToken cancellationToken)
    {
        var flag = await ReadAsync(FlagPath(customerId), cancellationToken);
        return flag is { IsOpen: true } ? flag : null;
    }

    public async Task SaveAsync(AccountFlag flag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var path = FlagPath(flag.CustomerId);

        // A new flag on an account whose last one was closed: the closed one moves to closed/ first.
        // Never a second open flag (PostgreSQL's unique index refuses it the same way).
        if (await ReadAsync(path, cancellationToken) is { } previous && previous.Id != flag.Id)
        {
            if (previous.IsOpen && flag.IsOpen)
            {
                throw new InvalidOperationException($"Customer {flag.CustomerId} already has an open flag ({previous.Id}); {flag.Id} cannot be opened beside it.");
            }

            var archive = Path.Combine(folder.Flags, "closed", DataFolder.SafeName(flag.CustomerId), DataFolder.SafeName(previous.Id) + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
            await AtomicFile.WriteAsync(archive, JsonSerializer.SerializeToUtf8Bytes(previous, DisputeKitJson.Indented), cancellationToken);
        }

        await AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(flag, DisputeKitJson.Indented), cancellationToken);
    }

    public async Task<IReadOnlyList<AccountFlag>> HistoryAsync(string customerId, CancellationToken cancellationToken)
    {
        var flags = new List<AccountFlag>();
        if (await ReadAsync(FlagPath(customerId), cancellationToken) is { } latest)
        {
            flags.Add(latest);
        }

        var closed = Path.Combine(folder.Flags, "closed", DataFolder.SafeName(customerId));
        if (Directory.Exists(closed))
        {
            foreach (var file in Directory.EnumerateFiles(closed, "*.json"))
            {
                if (await ReadAsync(file, cancellationToken) is { } flag && flags.All(f => f.Id != flag.Id))
                {
                    flags.Add(flag);
                }
            }
        }

        return [.. flags.OrderByDescending(f => f.CreatedAt)];
    }

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

    public async IAsyncEnumerable<AccountFlag> ScanOpenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder.Flags))
        {
            yield break;
        }

        // The names first, then one flag at a time: whoever scans saves flags into this folder as
        // it goes, and a directory read while files are renamed into it may skip or repeat one.
        var files = Directory.GetFiles(folder.Flags, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (await ReadAsync(file, cancellationToken) is { IsOpen: true } flag)
            {
                yield return flag;
            }
        }
    }

    public async Task<IReadOnlyList<AccountFlag>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder.Flags))
        {
            return [];
        }

        var flags = new List<AccountFlag>();
        var closed = Path.Combine(folder.Flags, "closed");
        var files = Directory.EnumerateFiles(folder.Flags, "*.json")
            .Concat(Directory.Exists(closed) ? Directory.EnumerateFiles(closed, "*.json", SearchOption.AllDirectories) : []);
        foreach (var file in files)
        {
            if (await ReadAsync(file, cancellationToken) is { } flag)
            {
                flags.Add(flag);
            }
        }

        return [.. flags.OrderBy(f => f.CustomerId, StringComparer.Ordinal).ThenBy(f => f.CreatedAt)];
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

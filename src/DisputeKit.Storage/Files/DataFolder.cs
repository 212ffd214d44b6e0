namespace DisputeKit.Storage.Files;

/// <summary>The layout of the embedded store: <c>cases/</c>, <c>packs/</c>, <c>sweeps/</c>, <c>flags/</c>, <c>claims/</c>, <c>events/</c>, <c>warnings/</c> and <c>support/</c>.</summary>
public sealed class DataFolder(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Cases => Path.Combine(Root, "cases");

    public string Packs => Path.Combine(Root, "packs");

    public string Sweeps => Path.Combine(Root, "sweeps");

    public string Flags => Path.Combine(Root, "flags");

    /// <summary>Stripe events received, one file each (<see cref="FileEventStore"/>).</summary>
    public string Events => Path.Combine(Root, "events");

    /// <summary>Early fraud warnings' cases, one file each (<see cref="FileWarningStore"/>).</summary>
    public string Warnings => Path.Combine(Root, "warnings");

    /// <summary>Messages read from support sources, a folder per source (<see cref="FileSupportStore"/>).</summary>
    public string Support => Path.Combine(Root, "support");

    /// <summary>One lock file per case being worked (see <see cref="FileCaseStore.TryClaimAsync"/>).</summary>
    public string Claims => Path.Combine(Root, "claims");

    /// <summary>Every folder the file store writes, beneath <see cref="Root"/>.</summary>
    public IReadOnlyList<string> Folders => [Cases, Packs, Sweeps, Flags, Claims, Events, Warnings, Support];

    /// <summary>
    /// Writes (and removes) a probe file in the data folder and in each of the store's folders that
    /// exists (one that does not is made when first needed, which the data folder allows), so that
    /// a folder this user may not write is named at start, not found by the first case that needs it.
    /// </summary>
    /// <exception cref="DataFolderUnwritableException">naming the folder and what the system said.</exception>
    public void EnsureWritable()
    {
        EnsureWritable(Root);
        foreach (var path in Folders.Where(Directory.Exists))
        {
            EnsureWritable(path);
        }
    }

    /// <summary>Creates <paramref name="path"/> if need be and proves it can be written.</summary>
    /// <exception cref="DataFolderUnwritableException">naming the folder and what the system said.</exception>
    public static void EnsureWritable(string path)
    {
        var probe = Path.Combine(path, $".write-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(path);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFolderUnwritableException(Path.GetFullPath(path), e);
        }
    }

    /// <summary>Ids become file names; anything but letters, digits, '_' and '-' is refused so no id can escape its folder.</summary>
    public static string SafeName(string id)
    {
        if (id.Length == 0 || id.Length > 200 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"'{id}' cannot be used as a file name in the data folder.", nameof(id));
        }

        return id;
    }
}

/// <summary>A folder under the data folder that this user cannot create or write.</summary>
public sealed class DataFolderUnwritableException(string folder, Exception inner)
    : IOException($"The data folder cannot be written at {folder} ({inner.Message}): set DisputeKit:DataPath to a folder this user may write, or give this user write permission there.", inner)
{
    public string Folder { get; } = folder;
}

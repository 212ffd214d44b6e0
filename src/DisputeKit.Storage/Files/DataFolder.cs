namespace DisputeKit.Storage.Files;

/// <summary>The layout of the embedded store: <c>cases/</c>, <c>packs/</c>, <c>sweeps/</c>, <c>flags/</c> and a lock file.</summary>
public sealed class DataFolder(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Cases => Path.Combine(Root, "cases");

    public string Packs => Path.Combine(Root, "packs");

    public string Sweeps => Path.Combine(Root, "sweeps");

    public string Flags => Path.Combine(Root, "flags");

    public string LockFile => Path.Combine(Root, ".lock");

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

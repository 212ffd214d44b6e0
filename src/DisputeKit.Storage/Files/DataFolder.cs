namespace DisputeKit.Storage.Files;

/// <summary>The layout of the embedded store: <c>cases/</c>, <c>packs/</c>, <c>sweeps/</c>, <c>flags/</c> and <c>claims/</c>.</summary>
public sealed class DataFolder(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Cases => Path.Combine(Root, "cases");

    public string Packs => Path.Combine(Root, "packs");

    public string Sweeps => Path.Combine(Root, "sweeps");

    public string Flags => Path.Combine(Root, "flags");

    /// <summary>One lock file per case being worked (see <see cref="FileCaseStore.TryClaimAsync"/>).</summary>
    public string Claims => Path.Combine(Root, "claims");

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

namespace DisputeKit.Core.Configuration;

/// <summary>Finds the templates folder: as configured, else beside the program.</summary>
public static class TemplateFolder
{
    public static string Resolve(string configured)
    {
        if (Path.IsPathRooted(configured) || Directory.Exists(configured))
        {
            return Path.GetFullPath(configured);
        }

        var besideProgram = Path.Combine(AppContext.BaseDirectory, configured);
        return Directory.Exists(besideProgram)
            ? besideProgram
            : throw new DirectoryNotFoundException($"Templates folder '{configured}' not found in {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}.");
    }
}

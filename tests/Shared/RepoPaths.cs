namespace DisputeKit.Testing;

/// <summary>Finds the repository's folders from a test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");

    public static string Samples => Path.Combine(Root, "samples", "default");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DisputeKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("DisputeKit.sln not found above " + AppContext.BaseDirectory);
    }
}

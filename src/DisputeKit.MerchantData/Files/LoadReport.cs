namespace DisputeKit.MerchantData.Files;

/// <summary>What a load read: lines loaded per file, and every line it had to leave out.</summary>
public sealed record LoadReport(IReadOnlyDictionary<string, int> Loaded, IReadOnlyList<LoadIssue> Issues, IReadOnlyList<string> MissingFiles)
{
    /// <summary>Size of the files read, in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Nothing was read from files (the records are in PostgreSQL).</summary>
    public static LoadReport None { get; } = new(new Dictionary<string, int>(), [], []);
}

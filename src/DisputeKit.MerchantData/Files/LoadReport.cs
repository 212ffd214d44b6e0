namespace DisputeKit.MerchantData.Files;

/// <summary>What a load read: lines loaded per file, and every line it had to leave out.</summary>
public sealed record LoadReport(IReadOnlyDictionary<string, int> Loaded, IReadOnlyList<LoadIssue> Issues, IReadOnlyList<string> MissingFiles);

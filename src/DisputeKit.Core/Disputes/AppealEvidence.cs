namespace DisputeKit.Core.Disputes;

/// <summary>
/// The answer to a lost dispute that may be appealed (endive's <c>evidence[appeal][card]</c>):
/// why the merchant files the appeal, and the files already on Stripe that support it.
/// </summary>
public sealed record AppealEvidence(string ReasonForFiling, IReadOnlyList<string> SupportingFiles)
{
    public const string ReasonField = "appeal[card][reason_for_filing]";
    public const string FilesField = "appeal[card][supporting_files]";

    /// <summary>The appeal as flat fields (the files comma-separated), as <see cref="Dispute.Appeal"/> reads it back from Stripe.</summary>
    public IReadOnlyDictionary<string, string> Fields() => Flatten(ReasonForFiling, SupportingFiles);

    public static IReadOnlyDictionary<string, string> Flatten(string? reason, IReadOnlyList<string>? files)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(reason))
        {
            fields[ReasonField] = reason;
        }

        if (files is { Count: > 0 })
        {
            fields[FilesField] = string.Join(',', files);
        }

        return fields;
    }
}

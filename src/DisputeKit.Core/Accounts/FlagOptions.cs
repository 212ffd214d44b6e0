using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Core.Accounts;

/// <summary>How flags are kept up to date between decisions (section <c>DisputeKit:Flags</c>).</summary>
public sealed class FlagOptions
{
    public const string SectionName = "DisputeKit:Flags";

    /// <summary>
    /// A proposed flag nobody decided on for this many days expires, with a note (a confirmed flag
    /// stays until a person lifts it or its disputes are withdrawn). 0: never. Default 30.
    /// </summary>
    [Range(0, 3650)]
    public int ExpireProposedAfterDays { get; set; } = 30;
}

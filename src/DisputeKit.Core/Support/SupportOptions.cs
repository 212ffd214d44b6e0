namespace DisputeKit.Core.Support;

/// <summary><c>DisputeKit:Support</c>: how current the support sources must be.</summary>
public sealed class SupportOptions
{
    public const string Section = "DisputeKit:Support";

    /// <summary>
    /// Hours after which a source not read whole counts as out of date: no customer is then found
    /// to have not contacted support (the case is set aside, naming the source).
    /// </summary>
    public double MaxAgeHours { get; set; } = 6;
}

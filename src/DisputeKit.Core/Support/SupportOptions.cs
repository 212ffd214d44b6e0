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

    /// <summary>
    /// The support sources, each by its <c>Kind</c>: <c>imap</c> and <c>zendesk</c> are read and kept
    /// by DisputeKit (their settings are bound where they are composed); <c>records</c> is the
    /// seller's exported messages (<c>support_messages</c>), read where they are.
    /// </summary>
    public List<SupportSourceSetting> Sources { get; set; } = [];

    /// <summary>
    /// Whether the seller's exported messages count: when no source is listed (they are then the
    /// only one), or when <c>records</c> is listed among the others. A list without it leaves an
    /// export out, for a seller whose mailbox and helpdesk are the truth.
    /// </summary>
    public bool ReadsExportedMessages => Sources.Count == 0 || Sources.Any(s => string.Equals(s.Kind?.Trim(), "records", StringComparison.OrdinalIgnoreCase));
}

/// <summary>One entry of <c>DisputeKit:Support:Sources</c>, as Core needs it: its kind.</summary>
public sealed class SupportSourceSetting
{
    public string? Kind { get; set; }
}

using DisputeKit.Core.Cases;

namespace DisputeKit.Cli.Commands;

/// <summary>How amounts, dates and states read in the terminal.</summary>
internal static class Display
{
    /// <summary><c>set aside</c>, <c>pack uploaded</c>: the state's wire name with spaces.</summary>
    public static string State(CaseState state) =>
        CaseStateNames.Label(state);

    /// <summary>
    /// Where the case's kept pack is, as a full path from here: the path recorded when it was
    /// rendered is relative to the folder that process ran in, so the data folder's own copy is
    /// looked for too. Null when neither exists (a PostgreSQL store keeps packs in the database).
    /// </summary>
    public static string? PackFile(DisputeCase c, string dataPath)
    {
        if (c.PackPath is { } recorded && File.Exists(recorded))
        {
            return Path.GetFullPath(recorded);
        }

        var inData = Path.Combine(dataPath, "packs", c.DisputeId + ".pdf");
        return File.Exists(inData) ? Path.GetFullPath(inData) : null;
    }

    /// <summary>Days until the deadline, one decimal; negative when past.</summary>
    public static double? DaysLeft(DateTimeOffset? due, DateTimeOffset now) =>
        due is { } d ? Math.Round((d - now).TotalDays, 1) : null;

    public static string Short(string? note, int length = 90) =>
        note is null ? string.Empty : note.Length <= length ? note : note[..(length - 3)] + "...";
}

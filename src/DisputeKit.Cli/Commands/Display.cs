using System.Globalization;
using DisputeKit.Core.Cases;

namespace DisputeKit.Cli.Commands;

/// <summary>How amounts, dates and states read in the terminal.</summary>
internal static class Display
{
    public static string Date(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    public static string State(CaseState state) => state switch
    {
        CaseState.SetAside => "set aside",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>Days until the deadline, one decimal; negative when past.</summary>
    public static double? DaysLeft(DateTimeOffset? due, DateTimeOffset now) =>
        due is { } d ? Math.Round((d - now).TotalDays, 1) : null;

    public static string Short(string? note, int length = 90) =>
        note is null ? string.Empty : note.Length <= length ? note : note[..(length - 3)] + "...";
}

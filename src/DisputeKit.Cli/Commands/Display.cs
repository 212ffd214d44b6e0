using DisputeKit.Core.Cases;

namespace DisputeKit.Cli.Commands;

/// <summary>How amounts, dates and states read in the terminal.</summary>
internal static class Display
{
    /// <summary><c>set aside</c>, <c>pack uploaded</c>: the state's wire name with spaces.</summary>
    public static string State(CaseState state) =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString()).Replace('_', ' ');

    /// <summary>Days until the deadline, one decimal; negative when past.</summary>
    public static double? DaysLeft(DateTimeOffset? due, DateTimeOffset now) =>
        due is { } d ? Math.Round((d - now).TotalDays, 1) : null;

    public static string Short(string? note, int length = 90) =>
        note is null ? string.Empty : note.Length <= length ? note : note[..(length - 3)] + "...";
}

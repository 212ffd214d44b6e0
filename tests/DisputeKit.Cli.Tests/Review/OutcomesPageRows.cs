using System.Net;
using System.Text.RegularExpressions;

namespace DisputeKit.Cli.Tests.Review;

/// <summary>The rows of the <c>/outcomes</c> page's number tables, read back from its HTML.</summary>
internal static partial class OutcomesPageRows
{
    [GeneratedRegex("<table class=\"numbers\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex NumbersTable();

    [GeneratedRegex("<tr><td>([^<]*)</td><td>([A-Z]+)</td><td class=\"num\">([0-9]+)</td><td class=\"num\">([0-9]+)</td><td class=\"num\">([0-9]+)</td><td class=\"num\">([0-9]+)</td>")]
    private static partial Regex CountsRow();

    /// <summary>Each table's rows as <c>group|CURRENCY|disputes|closed|fought|won</c>.</summary>
    public static List<List<string>> Counts(string page) =>
        [.. NumbersTable().Matches(page).Select(t => CountsRow().Matches(t.Value)
            .Select(m => string.Join('|', WebUtility.HtmlDecode(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value, m.Groups[6].Value)).ToList())];
}

using System.Globalization;
using System.Text;

namespace DisputeKit.Review;

/// <summary>
/// How a reviewer's name is read from the sign-in form: trimmed and in Unicode NFC; refused when
/// it holds control, format (zero-width, bidirectional) or other invisible characters. Two names
/// are the same reviewer when they match ignoring case, so <c>ANA</c> and <c> ana </c> are ana.
/// </summary>
public static class ReviewNames
{
    public const int MaxLength = 64;

    /// <summary>The name as kept in histories; null when it cannot be a reviewer's name.</summary>
    public static string? Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var normalized = name.Trim().Normalize(NormalizationForm.FormC);
        if (normalized.Length > MaxLength)
        {
            return null;
        }

        foreach (var rune in normalized.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate)
            {
                return null;
            }
        }

        return normalized;
    }

    /// <summary>Whether two normalized names are the same reviewer.</summary>
    public static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

using System.Globalization;

namespace DisputeKit.Core.Formatting;

/// <summary>
/// How DisputeKit writes times and amounts, the same in cover letters, Stripe's text fields,
/// packs, the review page and the terminal: times in UTC, amounts in the currency's own
/// decimals (<c>53.65 EUR</c>, <c>1200 JPY</c>).
/// </summary>
public static class Formats
{
    // Stripe's zero-decimal and three-decimal currencies: amounts are in these units, not cents.
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
    };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.OrdinalIgnoreCase) { "bhd", "jod", "kwd", "omr", "tnd" };

    /// <summary><c>2026-11-04</c></summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>2026-11-04 12:30 UTC</c></summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary><c>2026-11-04 12:30</c>, for tables whose heading says UTC; <c>-</c> when unset.</summary>
    public static string Minute(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    /// <summary>An amount in Stripe's minor units of <paramref name="currency"/>: <c>53.65 EUR</c>.</summary>
    public static string Amount(long minor, string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var code = currency.ToUpperInvariant();
        return ZeroDecimal.Contains(currency) ? string.Create(CultureInfo.InvariantCulture, $"{minor} {code}")
            : ThreeDecimal.Contains(currency) ? string.Create(CultureInfo.InvariantCulture, $"{minor / 1000m:0.000} {code}")
            : string.Create(CultureInfo.InvariantCulture, $"{minor / 100m:0.00} {code}");
    }
}

using System.Globalization;

namespace DisputeKit.Core.Disputes;

/// <summary>How DisputeKit writes an amount in minor units: <c>53.65 EUR</c>, the same in texts, packs and the terminal.</summary>
public static class Amounts
{
    public static string Format(long minor, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{minor / 100m:0.00} {currency.ToUpperInvariant()}");
}

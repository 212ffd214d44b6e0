using System.Text;

namespace DisputeKit.Stripe.Client;

/// <summary>
/// Stripe's form encoding: bracketed keys (<c>evidence[customer_name]</c>, <c>expand[]</c>),
/// values URL-encoded, brackets left literal as Stripe's own libraries send them.
/// </summary>
public static class FormEncoder
{
    public static string Encode(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (text.Length > 0)
            {
                text.Append('&');
            }

            text.Append(EscapeKey(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();
    }

    private static string EscapeKey(string key) =>
        Uri.EscapeDataString(key).Replace("%5B", "[", StringComparison.Ordinal).Replace("%5D", "]", StringComparison.Ordinal);
}

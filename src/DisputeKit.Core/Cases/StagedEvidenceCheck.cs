using System.Security.Cryptography;
using System.Text;

namespace DisputeKit.Core.Cases;

/// <summary>
/// Whether Stripe still holds exactly the evidence a case staged: nothing is submitted to the
/// bank on a dispute whose evidence was lost, replaced or added to since DisputeKit staged it.
/// </summary>
public static class StagedEvidenceCheck
{
    /// <summary>Each field's SHA-256, as the case keeps what it staged (no customer text in a second place).</summary>
    public static IReadOnlyDictionary<string, string> Digest(IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.Where(kv => kv.Value.Length > 0)
            .ToDictionary(kv => kv.Key, kv => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kv.Value))), StringComparer.Ordinal);
    }

    /// <summary>Why Stripe's evidence is not what the case staged (fields missing, changed or added); null when it is.</summary>
    public static string? Difference(DisputeCase staged, IReadOnlyDictionary<string, string> onStripe)
    {
        ArgumentNullException.ThrowIfNull(staged);
        if (staged.StagedEvidence is not { } expected)
        {
            // Staged before what was staged was kept: nothing to compare but that Stripe holds some evidence.
            return onStripe.Count == 0 ? "Stripe holds no evidence for the dispute" : null;
        }

        var actual = Digest(onStripe);
        var missing = expected.Keys.Where(k => !actual.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var changed = expected.Keys.Where(k => actual.TryGetValue(k, out var v) && v != expected[k]).Order(StringComparer.Ordinal).ToList();
        var added = actual.Keys.Where(k => !expected.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"missing on Stripe: {string.Join(", ", missing)}");
        }

        if (changed.Count > 0)
        {
            parts.Add($"changed on Stripe: {string.Join(", ", changed)}");
        }

        if (added.Count > 0)
        {
            parts.Add($"not staged by DisputeKit: {string.Join(", ", added)}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}

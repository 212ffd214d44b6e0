using System.Text.Json;
using DisputeKit.Core.Json;

namespace DisputeKit.Core.Policies;

/// <summary>Loads a policy file (<c>templates/policies/{id}.json</c>) and says exactly what is wrong with a bad one.</summary>
public static class RefundPolicyLoader
{
    public static RefundPolicy Load(string templatesPath, string policyId)
    {
        var path = Path.Combine(templatesPath, "policies", policyId + ".json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Refund policy '{policyId}' not found: expected the file {path}.");
        }

        RefundPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<RefundPolicy>(File.ReadAllText(path), DisputeKitJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path}: {e.Message}", e);
        }

        if (policy is null)
        {
            throw new InvalidOperationException($"{path}: the file is empty.");
        }

        var missing = policy.RequiredRuleKeys().Where(r => !policy.Rules.ContainsKey(r.RuleKey))
            .Select(r => r.Because is null ? r.RuleKey : $"{r.RuleKey} (needed because {r.Because} is set)")
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{path}: rules {string.Join(", ", missing)} are missing (field rules).");
        }

        return policy with
        {
            Rules = policy.Rules.ToDictionary(kv => kv.Key, kv => kv.Value with { Key = kv.Key }, StringComparer.Ordinal),
            Published = LoadPublished(Path.Combine(templatesPath, "policies", policyId), policy),
        };
    }

    /// <summary>
    /// Reads <c>{locale}.txt</c> files: text under a <c>## rule_key</c> heading is that rule as published;
    /// lines starting with <c>#</c> before the first heading are comments.
    /// </summary>
    private static Dictionary<string, IReadOnlyDictionary<string, string>> LoadPublished(string folder, RefundPolicy policy)
    {
        var published = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return published;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            string? key = null;
            var body = new List<string>();
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    Flush();
                    key = line[3..].Trim();
                    if (!policy.Rules.ContainsKey(key))
                    {
                        throw new InvalidOperationException($"{file} line {lineNumber}: '{key}' is not a rule of policy '{policy.Id}' (rules: {string.Join(", ", policy.Rules.Keys)}).");
                    }
                }
                else if (key is not null)
                {
                    body.Add(line);
                }
            }

            Flush();
            published[Path.GetFileNameWithoutExtension(file)] = texts;

            void Flush()
            {
                if (key is not null)
                {
                    texts[key] = string.Join('\n', body).Trim();
                }

                body.Clear();
            }
        }

        return published;
    }
}

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

        var missing = RuleKeys.Required.Where(k => !policy.Rules.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{path}: rules {string.Join(", ", missing)} are missing (field rules).");
        }

        return policy;
    }
}

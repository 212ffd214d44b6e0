namespace DisputeKit.Core.Policies;

/// <summary>
/// A seller's refund policy as data (<c>templates/policies/*.json</c>): the parameters the
/// rules use and the English statement of each rule the evidence cites. A parameter left out
/// means the policy has no such rule (the short policy has no drop guarantee, for example);
/// a parameter that is set needs its rule statement (<see cref="RequiredRuleKeys"/>).
/// </summary>
public sealed record RefundPolicy
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    /// <summary>Promised start window in hours by service kind, used when an order does not state its own. Empty: the policy promises no start time.</summary>
    public IReadOnlyDictionary<string, double> StartWithinHours { get; init; } = new Dictionary<string, double>();
    /// <summary>Days after completion in which drops are refilled; null when the policy gives no drop guarantee.</summary>
    public double? DropGuaranteeDays { get; init; }
    /// <summary>Share of the delivered quantity that may drop after the guarantee without a refund (0.10 = 10%).</summary>
    public double? DropToleranceAfterGuarantee { get; init; }
    /// <summary>Hours after an account is sent in which a swap may be requested; null when accounts are sold like any other service.</summary>
    public double? AccountSwapWindowHours { get; init; }
    /// <summary>Hours within which automatic services start.</summary>
    public double? AutomaticStartHours { get; init; }
    /// <summary>Hours after a renewal in which a cancellation request earns a refund of that (latest) renewal; null: no renewal is refunded.</summary>
    public double? LatestRenewalRefundRequestHours { get; init; }
    /// <summary>Days after the order within which non-delivery must be claimed in writing; null: no claim window.</summary>
    public double? NonDeliveryClaimDays { get; init; }
    /// <summary>Days after purchase within which a service "not as described" must be reported with evidence; null: no such rule.</summary>
    public double? NotAsDescribedClaimDays { get; init; }
    /// <summary>Words (any language) that mark a message as a cancellation or refund request.</summary>
    public IReadOnlyList<string> CancellationWords { get; init; } = [];
    /// <summary>Rule statements in English, by rule key (e.g. <c>full_refund</c>).</summary>
    public required IReadOnlyDictionary<string, PolicyRule> Rules { get; init; }

    /// <summary>The policy as published, by language then rule key (<c>templates/policies/{id}/{locale}.txt</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Published { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>True when the policy promises a start time for (some) services.</summary>
    public bool PromisesStartTimes => StartWithinHours.Count > 0;

    /// <summary>Whether the policy has a rule statement under <paramref name="key"/>.</summary>
    public bool Has(string key) => Rules.ContainsKey(key);

    /// <summary>The published wording of a rule in <paramref name="locale"/>, or null when the policy was not published in it.</summary>
    public string? PublishedText(string? locale, string ruleKey) =>
        locale is not null && Published.TryGetValue(locale, out var texts) && texts.TryGetValue(ruleKey, out var text) ? text : null;

    public PolicyRule Rule(string key) => Rules.TryGetValue(key, out var rule)
        ? rule
        : throw new InvalidOperationException($"Policy '{Id}' has no rule '{key}' (templates/policies/{Id}.json, field rules.{key}).");

    /// <summary>
    /// The rule statements this policy must carry: the ones every policy has, and one for each
    /// parameter it sets (the parameter's field name is given for the error message).
    /// </summary>
    public IEnumerable<(string RuleKey, string? Because)> RequiredRuleKeys()
    {
        foreach (var key in RuleKeys.Always)
        {
            yield return (key, null);
        }

        if (DropGuaranteeDays is not null)
        {
            yield return (RuleKeys.DropGuarantee, "drop_guarantee_days");
        }

        if (DropToleranceAfterGuarantee is not null)
        {
            yield return (RuleKeys.DropTolerance, "drop_tolerance_after_guarantee");
        }

        if (AccountSwapWindowHours is not null)
        {
            yield return (RuleKeys.Accounts, "account_swap_window_hours");
        }

        if (AutomaticStartHours is not null)
        {
            yield return (RuleKeys.AutomaticServices, "automatic_start_hours");
        }

        if (NotAsDescribedClaimDays is not null)
        {
            yield return (RuleKeys.NotAsDescribed, "not_as_described_claim_days");
        }
    }
}

/// <summary>One rule of a policy: where it stands (e.g. <c>§5</c>) and what it says, in English.</summary>
public sealed record PolicyRule
{
    /// <summary>The rule's key in the policy file (set when the policy is loaded).</summary>
    public string Key { get; init; } = string.Empty;
    public required string Section { get; init; }
    public required string Text { get; init; }

    /// <summary>How the evidence cites the rule: section, then the rule in English.</summary>
    public override string ToString() => $"{Section}: {Text}";
}

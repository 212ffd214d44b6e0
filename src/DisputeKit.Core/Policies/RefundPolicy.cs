namespace DisputeKit.Core.Policies;

/// <summary>
/// A seller's refund policy as data (<c>templates/policies/*.json</c>): the parameters the
/// rules use and the English statement of each rule the evidence cites.
/// </summary>
public sealed record RefundPolicy
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    /// <summary>Promised start window in hours by service kind, used when an order does not state its own.</summary>
    public IReadOnlyDictionary<string, double> StartWithinHours { get; init; } = new Dictionary<string, double>();
    /// <summary>Days after completion in which drops are refilled.</summary>
    public double DropGuaranteeDays { get; init; } = 30;
    /// <summary>Share of the delivered quantity that may drop after the guarantee without a refund (0.10 = 10%).</summary>
    public double DropToleranceAfterGuarantee { get; init; } = 0.10;
    /// <summary>Hours after an account is sent in which a swap may be requested.</summary>
    public double AccountSwapWindowHours { get; init; } = 12;
    /// <summary>Hours within which automatic services start.</summary>
    public double AutomaticStartHours { get; init; } = 12;
    /// <summary>Hours after a renewal in which a cancellation request earns a refund of that (latest) renewal.</summary>
    public double LatestRenewalRefundRequestHours { get; init; } = 72;
    /// <summary>Words (any language) that mark a message as a cancellation or refund request.</summary>
    public IReadOnlyList<string> CancellationWords { get; init; } = [];
    /// <summary>Rule statements in English, by rule key (e.g. <c>full_refund</c>).</summary>
    public required IReadOnlyDictionary<string, PolicyRule> Rules { get; init; }

    /// <summary>The policy as published, by language then rule key (<c>templates/policies/{id}/{locale}.txt</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Published { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>The published wording of a rule in <paramref name="locale"/>, or null when the policy was not published in it.</summary>
    public string? PublishedText(string? locale, string ruleKey) =>
        locale is not null && Published.TryGetValue(locale, out var texts) && texts.TryGetValue(ruleKey, out var text) ? text : null;

    public PolicyRule Rule(string key) => Rules.TryGetValue(key, out var rule)
        ? rule
        : throw new InvalidOperationException($"Policy '{Id}' has no rule '{key}' (templates/policies/{Id}.json, field rules.{key}).");
}

/// <summary>One rule of a policy: where it stands (e.g. <c>§5</c>) and what it says, in English.</summary>
public sealed record PolicyRule
{
    /// <summary>The rule's key in the policy file (set when the policy is loaded).</summary>
    public string Key { get; init; } = string.Empty;
    public required string Section { get; init; }
    public required string Text { get; init; }
}

using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Policies;

namespace DisputeKit.Core.Accounts;

/// <summary>
/// The flag policy: whether a dispute puts the customer's account up for a flag, how serious,
/// and what a person should consider doing — and, for an account with several flagged
/// disputes, which severity the flag as a whole has.
/// </summary>
public static class FlagPolicy
{
    private static readonly string[] SeverityOrder = ["review", "limit", "suspend"];

    /// <summary>How serious a flag severity is: <c>review</c> 0, <c>limit</c> 1, <c>suspend</c> 2, unknown -1.</summary>
    public static int SeverityRank(string severity) => Array.IndexOf(SeverityOrder, severity);

    /// <summary>What a person is asked to consider for a severity.</summary>
    public static string ActionFor(string severity) => severity switch
    {
        "review" => "person_review",
        "limit" => "limit_purchases",
        "suspend" => "suspend",
        _ => "none",
    };

    /// <summary>The severity of a flag over these disputes: a person must look at any account with an identity claim, whatever else it has.</summary>
    public static string Combine(IEnumerable<string> severities)
    {
        var all = severities.ToList();
        return all.Contains("review") ? "review" : all.MaxBy(SeverityRank) ?? "none";
    }

    /// <summary>
    /// Whether the dispute puts the customer's account up for a flag: only a dispute the
    /// customer started without contacting support about the purchase first; a card-theft
    /// claim, a policy silent on chargebacks or a case lacking facts is for a person to decide.
    /// </summary>
    public static FlagDecision Decide(EvidenceBundle bundle, Verdict verdict, RefundPolicy policy)
    {
        if (bundle.Match.CustomerId is null)
        {
            return FlagDecision.None("No shop account is tied to this dispute.");
        }

        if (!DisputeReason.PolicyReasons.Contains(bundle.Dispute.Reason))
        {
            return FlagDecision.None($"The reason '{bundle.Dispute.Reason}' is a bank or payment failure, not a dispute the customer started.");
        }

        if (bundle.PriorContact.ContactedAboutPurchase)
        {
            return FlagDecision.None("The customer contacted support about this purchase before disputing.");
        }

        if (!bundle.PriorContact.Known)
        {
            return FlagDecision.None($"Prior contact is unknown ({string.Join(", ", bundle.PriorContact.UnreadSources)} was not read); no flag rests on missing records.");
        }

        // The rule the flag rests on: what the policy says of chargebacks, or else its contact-first rule.
        var basis = policy.Rule(policy.Has(RuleKeys.Chargebacks) ? RuleKeys.Chargebacks : RuleKeys.ContactFirst);
        var why = $"Disputed the payment without contacting support first ({policy.Name}, {basis.Section}).";
        if (DisputeReason.IsIdentityClaim(bundle.Dispute.Reason))
        {
            return Propose("review", why + " The claim is that the cardholder did not make the purchase: a genuine theft victim also disputes without writing to the seller, so a person decides; never suspend automatically.");
        }

        if (!policy.Has(RuleKeys.Chargebacks))
        {
            return Propose("review", why + " This policy announces no account measures for chargebacks, so a person decides whether any step is fair.");
        }

        if (verdict.Kind == VerdictKind.Review)
        {
            return Propose("review", why + " The facts of the case are incomplete, so a person decides before any step is taken.");
        }

        return verdict.Kind is VerdictKind.Accept or VerdictKind.Partial
            ? Propose("limit", why + " The policy owes the customer a refund here, so limiting purchases is the proportionate step.")
            : Propose("suspend", why);
    }

    private static FlagDecision Propose(string severity, string reason) =>
        new() { Flag = true, Severity = severity, SuggestedAction = ActionFor(severity), Reason = reason };
}

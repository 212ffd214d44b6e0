using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Stripe.Client;

/// <summary>
/// Stripe Radar value lists that block new payments from accounts whose flag a person confirmed
/// (section <c>DisputeKit:Radar</c>). Each list is made once in the Stripe Dashboard (Radar →
/// Lists) and used by a rule such as <c>Block if :email: in @disputekit_blocked_emails</c>.
/// Both unset (the default): nothing is blocked on Stripe.
/// </summary>
public sealed class RadarOptions
{
    public const string SectionName = "DisputeKit:Radar";

    /// <summary>Id (<c>rsl_…</c>) of a list of item type <c>email</c>: gets the customer's email.</summary>
    [RegularExpression("^rsl_[A-Za-z0-9]+$", ErrorMessage = "DisputeKit:Radar:EmailListId must be a Radar value list id (rsl_…).")]
    public string? EmailListId { get; set; }

    /// <summary>Id (<c>rsl_…</c>) of a list of item type <c>card_fingerprint</c>: gets the fingerprint of each card the customer disputed with.</summary>
    [RegularExpression("^rsl_[A-Za-z0-9]+$", ErrorMessage = "DisputeKit:Radar:CardFingerprintListId must be a Radar value list id (rsl_…).")]
    public string? CardFingerprintListId { get; set; }

    public bool Configured => !string.IsNullOrEmpty(EmailListId) || !string.IsNullOrEmpty(CardFingerprintListId);
}

namespace DisputeKit.Core.Disputes;

/// <summary>
/// Compliance disputes: the network, not the cardholder, says a rule was broken, and answering
/// one costs a network fee that Stripe collects (Visa: 500 USD, refunded if the dispute is
/// won). DisputeKit prepares and stages the answer but never acknowledges the fee: a person does.
/// </summary>
public static class ComplianceDisputes
{
    public const string Visa = "visa_compliance";
    public const string Mastercard = "mastercard_compliance";

    /// <summary>
    /// The compliance kind of <paramref name="dispute"/> (<see cref="Visa"/>, <see cref="Mastercard"/>,
    /// or <c>compliance</c> when the network is neither), or null when it is not a compliance dispute.
    /// </summary>
    public static string? Kind(Dispute dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (dispute.EnhancedEligibilityTypes.Contains(Visa))
        {
            return Visa;
        }

        if (dispute.EnhancedEligibilityTypes.Contains(Mastercard))
        {
            return Mastercard;
        }

        if (dispute.CaseType == "compliance" || dispute.Reason == "noncompliant")
        {
            return dispute.CardBrand switch { "visa" => Visa, "mastercard" => Mastercard, _ => "compliance" };
        }

        return null;
    }

    /// <summary>What answering costs, in words for a person deciding whether to.</summary>
    public static string Fee(string kind) => kind switch
    {
        Visa => "Visa charges a 500 USD compliance fee to answer it (Stripe collects it; refunded if the dispute is won)",
        Mastercard => "Mastercard charges a compliance fee to answer it (Stripe collects it and states it in the Dashboard; refunded if the dispute is won)",
        _ => "the card network charges a compliance fee to answer it (refunded if the dispute is won)",
    };

    /// <summary>The note of a compliance case set aside for a person, with the fee and the command that answers.</summary>
    public static string SetAsideNote(string disputeId, string kind) =>
        $"Compliance dispute: {Fee(kind)}. DisputeKit never accepts that fee on its own. The evidence is staged on Stripe; "
        + $"to answer, a person runs 'disputekit submit {disputeId} --acknowledge-fee'; to let it go, 'disputekit accept {disputeId}'.";
}

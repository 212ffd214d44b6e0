using Sdk = global::Stripe;

namespace DisputeKit.Stripe.Gateway;

/// <summary>
/// Stripe's evidence fields by their wire names (DisputeKit's keys, as in <c>dispute_evidence_params</c>),
/// each read from Stripe.net's <see cref="Sdk.DisputeEvidence"/> and written to its <see cref="Sdk.DisputeEvidenceOptions"/>.
/// A file field holds a file id (<c>file_…</c>) either way.
/// </summary>
internal static class EvidenceFields
{
    private sealed record Field(Func<Sdk.DisputeEvidence, string?> Read, Action<Sdk.DisputeEvidenceOptions, string> Write);

    private static readonly Dictionary<string, Field> All = new(StringComparer.Ordinal)
    {
        ["access_activity_log"] = new(e => e.AccessActivityLog, (o, v) => o.AccessActivityLog = v),
        ["billing_address"] = new(e => e.BillingAddress, (o, v) => o.BillingAddress = v),
        ["cancellation_policy"] = new(e => e.CancellationPolicyId, (o, v) => o.CancellationPolicy = v),
        ["cancellation_policy_disclosure"] = new(e => e.CancellationPolicyDisclosure, (o, v) => o.CancellationPolicyDisclosure = v),
        ["cancellation_rebuttal"] = new(e => e.CancellationRebuttal, (o, v) => o.CancellationRebuttal = v),
        ["customer_communication"] = new(e => e.CustomerCommunicationId, (o, v) => o.CustomerCommunication = v),
        ["customer_email_address"] = new(e => e.CustomerEmailAddress, (o, v) => o.CustomerEmailAddress = v),
        ["customer_name"] = new(e => e.CustomerName, (o, v) => o.CustomerName = v),
        ["customer_purchase_ip"] = new(e => e.CustomerPurchaseIp, (o, v) => o.CustomerPurchaseIp = v),
        ["customer_signature"] = new(e => e.CustomerSignatureId, (o, v) => o.CustomerSignature = v),
        ["duplicate_charge_documentation"] = new(e => e.DuplicateChargeDocumentationId, (o, v) => o.DuplicateChargeDocumentation = v),
        ["duplicate_charge_explanation"] = new(e => e.DuplicateChargeExplanation, (o, v) => o.DuplicateChargeExplanation = v),
        ["duplicate_charge_id"] = new(e => e.DuplicateChargeId, (o, v) => o.DuplicateChargeId = v),
        ["product_description"] = new(e => e.ProductDescription, (o, v) => o.ProductDescription = v),
        ["receipt"] = new(e => e.ReceiptId, (o, v) => o.Receipt = v),
        ["refund_policy"] = new(e => e.RefundPolicyId, (o, v) => o.RefundPolicy = v),
        ["refund_policy_disclosure"] = new(e => e.RefundPolicyDisclosure, (o, v) => o.RefundPolicyDisclosure = v),
        ["refund_refusal_explanation"] = new(e => e.RefundRefusalExplanation, (o, v) => o.RefundRefusalExplanation = v),
        ["service_date"] = new(e => e.ServiceDate, (o, v) => o.ServiceDate = v),
        ["service_documentation"] = new(e => e.ServiceDocumentationId, (o, v) => o.ServiceDocumentation = v),
        ["shipping_address"] = new(e => e.ShippingAddress, (o, v) => o.ShippingAddress = v),
        ["shipping_carrier"] = new(e => e.ShippingCarrier, (o, v) => o.ShippingCarrier = v),
        ["shipping_date"] = new(e => e.ShippingDate, (o, v) => o.ShippingDate = v),
        ["shipping_documentation"] = new(e => e.ShippingDocumentationId, (o, v) => o.ShippingDocumentation = v),
        ["shipping_tracking_number"] = new(e => e.ShippingTrackingNumber, (o, v) => o.ShippingTrackingNumber = v),
        ["uncategorized_file"] = new(e => e.UncategorizedFileId, (o, v) => o.UncategorizedFile = v),
        ["uncategorized_text"] = new(e => e.UncategorizedText, (o, v) => o.UncategorizedText = v),
    };

    public static bool IsKnown(string name) => All.ContainsKey(name);

    /// <summary>Every field Stripe holds a value for, by wire name.</summary>
    public static Dictionary<string, string> Read(Sdk.DisputeEvidence? evidence) =>
        evidence is null
            ? new(StringComparer.Ordinal)
            : All.Select(f => (f.Key, Value: f.Value.Read(evidence))).Where(f => !string.IsNullOrEmpty(f.Value))
                .ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal);

    /// <summary>Sets each field on the options; a name Stripe does not have is refused (the guard names it before this).</summary>
    public static void Write(Sdk.DisputeEvidenceOptions options, IReadOnlyDictionary<string, string> fields)
    {
        foreach (var (name, value) in fields)
        {
            if (!All.TryGetValue(name, out var field))
            {
                throw new ArgumentException($"'{name}' is not a Stripe evidence field.", nameof(fields));
            }

            field.Write(options, value);
        }
    }
}

namespace DisputeKit.Core.Submission;

/// <summary>Stripe's evidence limits (spec: <c>dispute_evidence_params</c>).</summary>
public static class EvidenceLimits
{
    public const int LongText = 20_000;
    public const int ShortText = 5_000;
    public const int AllText = 150_000;

    public static IReadOnlySet<string> LongTextFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "access_activity_log", "cancellation_policy_disclosure", "cancellation_rebuttal", "duplicate_charge_explanation",
        "product_description", "refund_policy_disclosure", "refund_refusal_explanation", "uncategorized_text",
    };

    public static IReadOnlySet<string> ShortTextFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "billing_address", "customer_email_address", "customer_name", "customer_purchase_ip", "duplicate_charge_id",
        "service_date", "shipping_address", "shipping_carrier", "shipping_date", "shipping_tracking_number",
    };

    public static IReadOnlySet<string> FileFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "cancellation_policy", "customer_communication", "customer_signature", "duplicate_charge_documentation",
        "receipt", "refund_policy", "service_documentation", "shipping_documentation", "uncategorized_file",
    };

    public static int LimitOf(string field) =>
        LongTextFields.Contains(field) ? LongText
        : ShortTextFields.Contains(field) ? ShortText
        : FileFields.Contains(field) ? ShortText
        : throw new ArgumentException($"'{field}' is not a Stripe evidence field.", nameof(field));
}

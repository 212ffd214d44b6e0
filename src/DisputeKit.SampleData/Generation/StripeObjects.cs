using System.Text.Json.Nodes;

namespace DisputeKit.SampleData.Generation;

/// <summary>Builds disputes, charges, customers and payment intents in Stripe's own object shape.</summary>
internal sealed class StripeObjects
{
    private static readonly string[] EvidenceFields =
    [
        "access_activity_log", "billing_address", "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal",
        "customer_communication", "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
        "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id", "product_description", "receipt",
        "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date", "service_documentation",
        "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
        "uncategorized_file", "uncategorized_text",
    ];

    public JsonArray Disputes { get; } = [];
    public JsonArray Charges { get; } = [];
    public JsonArray Customers { get; } = [];
    public JsonArray PaymentIntents { get; } = [];
    public string LastDisputeId { get; private set; } = string.Empty;

    /// <param name="money">The dispute's balance transactions (negative amounts withdrawn, positive reinstated; fees negative when refunded).</param>
    public void Add(CustomerProfile p, Scenario s, int index, DateTimeOffset created, long amount, string chargeId, string? intentId,
        JsonObject metadata, DateTimeOffset asOf, IReadOnlyList<(long Amount, long Fee, DateTimeOffset At, string Category, string Id)>? money = null)
    {
        var id = "dp_" + SampleGenerator.Token("dp", index, 24);
        LastDisputeId = id;
        var createdUnix = created.ToUnixTimeSeconds();
        var due = created.AddDays(14).Date.AddHours(23).AddMinutes(59).AddSeconds(59);
        var dueUnix = new DateTimeOffset(due, TimeSpan.Zero).ToUnixTimeSeconds();
        var identity = s.Reason is "fraudulent" or "unrecognized";
        var brand = s.Reason == "unrecognized" ? "mastercard" : "visa";
        var evidence = new JsonObject();
        foreach (var field in EvidenceFields)
        {
            evidence[field] = null;
        }

        evidence["enhanced_evidence"] = new JsonObject();
        if (s.HasEvidence)
        {
            evidence["product_description"] = "Evidence typed in the Stripe Dashboard by a colleague.";
        }

        Disputes.Add(new JsonObject
        {
            ["id"] = id,
            ["object"] = "dispute",
            ["amount"] = amount,
            ["balance_transactions"] = new JsonArray([.. (money ?? []).Select(m => (JsonNode)new JsonObject
            {
                ["id"] = m.Id,
                ["object"] = "balance_transaction",
                ["amount"] = m.Amount,
                ["fee"] = m.Fee,
                ["net"] = m.Amount - m.Fee,
                ["currency"] = p.Currency,
                ["created"] = m.At.ToUnixTimeSeconds(),
                ["type"] = "adjustment",
                ["reporting_category"] = m.Category,
                ["status"] = "available",
            })]),
            ["charge"] = chargeId,
            ["created"] = createdUnix,
            ["currency"] = p.Currency,
            ["enhanced_eligibility_types"] = s.Reason == "fraudulent" ? new JsonArray("visa_compelling_evidence_3") : new JsonArray(),
            ["evidence"] = evidence,
            ["evidence_details"] = new JsonObject
            {
                ["due_by"] = s.Status is "won" or "lost" or "warning_closed" ? null : dueUnix,
                ["enhanced_eligibility"] = new JsonObject(),
                ["has_evidence"] = s.HasEvidence || s.SubmissionCount > 0,
                ["past_due"] = s.PastDue || (s.Status is "needs_response" && dueUnix < asOf.ToUnixTimeSeconds()),
                ["submission_count"] = s.SubmissionCount,
            },
            ["is_charge_refundable"] = s.Status is "needs_response" or "warning_needs_response",
            ["livemode"] = false,
            ["metadata"] = metadata,
            ["payment_intent"] = intentId,
            ["payment_method_details"] = new JsonObject
            {
                ["card"] = new JsonObject
                {
                    ["brand"] = brand,
                    ["case_type"] = s.Status.StartsWith("warning_", StringComparison.Ordinal) ? "inquiry" : "chargeback",
                    ["network_reason_code"] = NetworkReasonCode(s.Reason, brand),
                    ["network"] = brand,
                },
                ["type"] = "card",
            },
            ["reason"] = s.Reason,
            ["status"] = s.Status,
        });

        var customerId = p.Customer.StripeCustomerId!;
        AddCharge(p, chargeId, intentId, amount, created.AddDays(-10), brand, (4000 + (index * 37 % 5000)).ToString(System.Globalization.CultureInfo.InvariantCulture), disputed: true, hideEmail: identity);

        Customers.Add(new JsonObject
        {
            ["id"] = customerId,
            ["object"] = "customer",
            ["created"] = p.Customer.CreatedAt.ToUnixTimeSeconds(),
            ["email"] = p.Customer.Email,
            ["name"] = p.Customer.Name,
            ["livemode"] = false,
            ["metadata"] = new JsonObject { ["shop_customer_id"] = p.Customer.Id },
            ["preferred_locales"] = new JsonArray(p.Locale),
        });

        if (intentId is not null)
        {
            PaymentIntents.Add(new JsonObject
            {
                ["id"] = intentId,
                ["object"] = "payment_intent",
                ["amount"] = amount,
                ["currency"] = p.Currency,
                ["created"] = createdUnix - (86400 * 10),
                ["customer"] = customerId,
                ["latest_charge"] = chargeId,
                ["livemode"] = false,
                ["metadata"] = new JsonObject(),
                ["status"] = "succeeded",
            });
        }
    }

    /// <summary>A card charge of <paramref name="p"/>'s, as Stripe holds it.</summary>
    public void AddCharge(CustomerProfile p, string chargeId, string? intentId, long amount, DateTimeOffset created, string brand, string last4, bool disputed, bool hideEmail = false)
    {
        Charges.Add(new JsonObject
        {
            ["id"] = chargeId,
            ["object"] = "charge",
            ["amount"] = amount,
            ["amount_captured"] = amount,
            ["amount_refunded"] = 0,
            ["billing_details"] = new JsonObject
            {
                ["address"] = new JsonObject { ["city"] = null, ["country"] = p.Customer.Country, ["line1"] = null, ["line2"] = null, ["postal_code"] = null, ["state"] = null },
                ["email"] = hideEmail ? null : p.Customer.Email,
                ["name"] = p.Customer.Name,
                ["phone"] = null,
                ["tax_id"] = null,
            },
            ["captured"] = true,
            ["created"] = created.ToUnixTimeSeconds(),
            ["currency"] = p.Currency,
            ["customer"] = p.Customer.StripeCustomerId,
            ["description"] = "viplikes order",
            ["disputed"] = disputed,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["paid"] = true,
            ["payment_intent"] = intentId,
            ["payment_method_details"] = new JsonObject
            {
                ["card"] = new JsonObject
                {
                    ["brand"] = brand,
                    ["country"] = p.Customer.Country,
                    ["exp_month"] = 8,
                    ["exp_year"] = 2029,
                    ["fingerprint"] = p.CardFingerprint,
                    ["funding"] = "credit",
                    ["last4"] = last4,
                    ["network"] = brand,
                },
                ["type"] = "card",
            },
            ["refunded"] = false,
            ["status"] = "succeeded",
        });
    }

    /// <summary>Radar early fraud warnings, as Stripe lists them.</summary>
    public JsonArray Warnings { get; } = [];

    /// <summary>An early fraud warning on <paramref name="chargeId"/>: actionable unless the charge is disputed.</summary>
    public void AddWarning(string id, string chargeId, string? intentId, DateTimeOffset created, string fraudType, bool actionable) =>
        Warnings.Add(new JsonObject
        {
            ["id"] = id,
            ["object"] = "radar.early_fraud_warning",
            ["actionable"] = actionable,
            ["charge"] = chargeId,
            ["created"] = created.ToUnixTimeSeconds(),
            ["fraud_type"] = fraudType,
            ["livemode"] = false,
            ["payment_intent"] = intentId,
        });

    private static string NetworkReasonCode(string reason, string brand) => (reason, brand) switch
    {
        ("fraudulent", _) => "10.4",
        ("unrecognized", "mastercard") => "4863",
        ("product_not_received", _) => "13.1",
        ("product_unacceptable", _) => "13.3",
        ("subscription_canceled", _) => "13.2",
        ("credit_not_processed", _) => "13.6",
        ("duplicate", _) => "12.6.1",
        ("general", _) => "13.1",
        _ => "11.3",
    };
}

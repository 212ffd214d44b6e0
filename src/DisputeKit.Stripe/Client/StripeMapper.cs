using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Disputes;

namespace DisputeKit.Stripe.Client;

/// <summary>Reads Stripe's JSON into DisputeKit's types, tolerant of unknown fields and values.</summary>
public static class StripeMapper
{
    public static Dispute Dispute(JsonObject o)
    {
        var details = o["evidence_details"] as JsonObject;
        var card = (o["payment_method_details"] as JsonObject)?["card"] as JsonObject;
        var chargeNode = o["charge"];
        var due = details?["due_by"]?.GetValue<long?>();
        return new Dispute
        {
            Id = Str(o, "id") ?? throw new JsonException("dispute without id"),
            Amount = o["amount"]?.GetValue<long>() ?? 0,
            Currency = Str(o, "currency") ?? "usd",
            ChargeId = chargeNode is JsonObject expanded ? Str(expanded, "id")! : chargeNode?.GetValue<string>() ?? string.Empty,
            Charge = chargeNode is JsonObject c ? Charge(c) : null,
            PaymentIntentId = o["payment_intent"] is JsonObject pi ? Str(pi, "id") : o["payment_intent"]?.GetValue<string>(),
            Reason = Str(o, "reason") ?? "general",
            Status = Str(o, "status") ?? "unknown",
            Created = Unix(o["created"]) ?? DateTimeOffset.UnixEpoch,
            DueBy = due is null or 0 ? null : DateTimeOffset.FromUnixTimeSeconds(due.Value),
            HasEvidence = details?["has_evidence"]?.GetValue<bool>() ?? false,
            Evidence = (o["evidence"] as JsonObject ?? [])
                .Where(kv => kv.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>().Length > 0)
                .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal),
            PastDue = details?["past_due"]?.GetValue<bool>() ?? false,
            SubmissionCount = details?["submission_count"]?.GetValue<int>() ?? 0,
            NetworkReasonCode = card is null ? null : Str(card, "network_reason_code"),
            CardBrand = card is null ? null : Str(card, "brand"),
            CaseType = card is null ? null : Str(card, "case_type"),
            IsChargeRefundable = o["is_charge_refundable"]?.GetValue<bool>() ?? false,
            Livemode = o["livemode"]?.GetValue<bool>() ?? false,
            EnhancedEligibilityTypes = [.. (o["enhanced_eligibility_types"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>()],
            Metadata = Metadata(o),
        };
    }

    public static ChargeDetails Charge(JsonObject o)
    {
        var billing = o["billing_details"] as JsonObject;
        var card = (o["payment_method_details"] as JsonObject)?["card"] as JsonObject;
        return new ChargeDetails
        {
            Id = Str(o, "id") ?? throw new JsonException("charge without id"),
            Amount = o["amount"]?.GetValue<long>() ?? 0,
            Currency = Str(o, "currency") ?? "usd",
            Created = Unix(o["created"]) ?? DateTimeOffset.UnixEpoch,
            CustomerId = o["customer"] is JsonObject cu ? Str(cu, "id") : o["customer"]?.GetValue<string>(),
            PaymentIntentId = o["payment_intent"] is JsonObject pi ? Str(pi, "id") : o["payment_intent"]?.GetValue<string>(),
            BillingEmail = billing is null ? null : Str(billing, "email"),
            BillingName = billing is null ? null : Str(billing, "name"),
            ReceiptEmail = Str(o, "receipt_email"),
            CardFingerprint = card is null ? null : Str(card, "fingerprint"),
            CardLast4 = card is null ? null : Str(card, "last4"),
            CardBrand = card is null ? null : Str(card, "brand"),
            Metadata = Metadata(o),
        };
    }

    private static Dictionary<string, string> Metadata(JsonObject o) =>
        (o["metadata"] as JsonObject ?? [])
            .Where(kv => kv.Value is JsonValue)
            .ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal);

    private static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static DateTimeOffset? Unix(JsonNode? node) =>
        node?.GetValue<long?>() is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}

using System.Text.Json.Nodes;

namespace DisputeKit.StripeFake;

/// <summary>Stripe's error body shape and the request checks the fake makes against the spec.</summary>
internal static class StripeErrors
{
    private static readonly HashSet<string> LongText =
    [
        "access_activity_log", "cancellation_policy_disclosure", "cancellation_rebuttal", "duplicate_charge_explanation",
        "product_description", "refund_policy_disclosure", "refund_refusal_explanation", "uncategorized_text",
    ];

    private static readonly HashSet<string> ShortText =
    [
        "billing_address", "customer_email_address", "customer_name", "customer_purchase_ip", "duplicate_charge_id",
        "service_date", "shipping_address", "shipping_carrier", "shipping_date", "shipping_tracking_number",
        "cancellation_policy", "customer_communication", "customer_signature", "duplicate_charge_documentation",
        "receipt", "refund_policy", "service_documentation", "shipping_documentation", "uncategorized_file",
    ];

    public static (int, string) Of(int status, string type, string? code, string? param, string message)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
        }

        if (param is not null)
        {
            error["param"] = param;
        }

        return (status, new JsonObject { ["error"] = error }.ToJsonString());
    }

    public static (int, string) Missing(string kind, string id) =>
        Of(404, "invalid_request_error", "resource_missing", "id", $"No such {kind}: '{id}'");

    /// <summary>Null when the parameter is one POST /v1/disputes/{dispute} accepts with a valid value.</summary>
    public static string? ValidateDisputeParam(string name, string value)
    {
        if (name == "submit")
        {
            return value is "true" or "false" ? null : $"Invalid boolean: {value}";
        }

        if (name.StartsWith("metadata[", StringComparison.Ordinal))
        {
            return value.Length > 500 ? $"Metadata values can have up to 500 characters, but you passed in a value that is {value.Length} characters long." : null;
        }

        if (name.StartsWith("expand[", StringComparison.Ordinal) || name.StartsWith("evidence[enhanced_evidence]", StringComparison.Ordinal))
        {
            return null;
        }

        if (name.StartsWith("evidence[", StringComparison.Ordinal) && name.EndsWith(']'))
        {
            var field = name[9..^1];
            var limit = LongText.Contains(field) ? 20_000 : ShortText.Contains(field) ? 5_000 : -1;
            if (limit < 0)
            {
                return $"Received unknown parameter: {name}";
            }

            return value.Length > limit ? $"Invalid string: {name} must be at most {limit} characters, got {value.Length}." : null;
        }

        return $"Received unknown parameter: {name}";
    }
}

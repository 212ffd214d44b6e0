using System.Text.Json.Nodes;

namespace DisputeKit.StripeFake;

/// <summary>Stripe's error body shape.</summary>
internal static class StripeErrors
{
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
}

using DisputeKit.Core.Disputes;

namespace DisputeKit.Stripe.Client;

/// <summary>A request Stripe refused, with everything its error said (never the API key).</summary>
public sealed class StripeException(int status, string? type, string? code, string? param, string message, string? requestId, string? idempotencyKey = null)
    : DisputeGatewayException(status, code, Explain(status, code, message), idempotencyKey)
{
    /// <summary>Stripe's own message, without DisputeKit's explanation around it.</summary>
    public string StripeMessage { get; } = message;
    public string? ErrorType { get; } = type;
    public string? Param { get; } = param;
    public string? RequestId { get; } = requestId;

    private static string Explain(int status, string? code, string message) => status switch
    {
        401 => $"Stripe rejected the API key (401): check Stripe:ApiKey or STRIPE_API_KEY. {message}",
        403 => $"The API key lacks a permission this call needs (403), e.g. Disputes write: {message}",
        404 => $"Not found on Stripe (404): {message}",
        400 => $"Stripe refused the request (400{(code is null ? string.Empty : $", {code}")}): {message}",
        429 => $"Stripe rate limit hit (429{(code is null ? string.Empty : $", {code}")}): {message}",
        _ => $"Stripe answered {status}{(code is null ? string.Empty : $" ({code})")}: {message}",
    };
}

namespace DisputeKit.Core.Events;

/// <summary>
/// Checks a webhook request as Stripe signed it (<c>Stripe-Signature</c> over the raw body, with
/// the endpoint's signing secrets and a timestamp tolerance) and reads the event from it.
/// </summary>
public interface IStripeWebhookVerifier
{
    /// <summary>Whether any webhook signing secret is configured: without one, no webhook is accepted.</summary>
    bool Configured { get; }

    /// <summary>The event, or why the request is refused (a bad or stale signature, a body that is not an event); never throws for bad input.</summary>
    WebhookCheck Verify(string payload, string? signatureHeader);
}

/// <summary>What a webhook request carried: the event, or the problem that refuses it.</summary>
public sealed record WebhookCheck(StripeEvent? Event, string? Problem);

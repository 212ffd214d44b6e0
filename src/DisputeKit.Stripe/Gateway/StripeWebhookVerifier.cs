using System.Text.Json;
using DisputeKit.Core.Events;
using DisputeKit.Stripe.Client;
using Sdk = global::Stripe;

namespace DisputeKit.Stripe.Gateway;

/// <summary>
/// Stripe's webhook signature checked with Stripe.net's <see cref="Sdk.EventUtility"/>: against
/// each configured signing secret in turn (two during a rotation), with the timestamp tolerance
/// and the injected clock. The event's API version is not checked: DisputeKit keeps only the
/// event's id, type, time and object id, and reads the dispute itself again through its pinned
/// version, so an endpoint left on an older version still works.
/// </summary>
public sealed class StripeWebhookVerifier(StripeOptions options, TimeProvider clock) : IStripeWebhookVerifier
{
    public bool Configured => options.WebhookSecrets.Any(s => !string.IsNullOrWhiteSpace(s));

    public WebhookCheck Verify(string payload, string? signatureHeader)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return new WebhookCheck(null, "no Stripe-Signature header");
        }

        var problem = "no webhook signing secret is configured (Stripe:WebhookSecrets)";
        foreach (var secret in options.WebhookSecrets.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            try
            {
                var e = Sdk.EventUtility.ConstructEvent(payload, signatureHeader, secret, options.WebhookToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
                return new WebhookCheck(StripeModels.Event(e, "webhook") with { ReceivedAt = clock.GetUtcNow() }, null);
            }
            catch (Sdk.StripeException e)
            {
                // A signature made with another secret, or too old: the next secret may still match.
                problem = e.Message;
            }
            catch (Exception e) when (e is JsonException or Newtonsoft.Json.JsonException or ArgumentException or InvalidOperationException)
            {
                return new WebhookCheck(null, "the body is signed but is not a Stripe event");
            }
        }

        return new WebhookCheck(null, problem);
    }
}

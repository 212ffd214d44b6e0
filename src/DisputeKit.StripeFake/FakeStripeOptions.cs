namespace DisputeKit.StripeFake;

/// <summary>How the local Stripe fake starts.</summary>
public sealed class FakeStripeOptions
{
    /// <summary>Folder with <c>disputes.json</c>, <c>charges.json</c>, <c>customers.json</c>, <c>payment_intents.json</c>, <c>early_fraud_warnings.json</c> (JSON arrays of Stripe objects).</summary>
    public string? SeedFolder { get; set; }

    /// <summary>When set, the fake keeps its state here across restarts (the embedded default does).</summary>
    public string? StatePath { get; set; }

    /// <summary>The bearer key the fake requires on every request.</summary>
    public required string ApiKey { get; set; }

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Clock for the times of events the fake creates. Default: the system clock.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Refuse staged evidence (<c>submit=false</c>) that does not set <c>intended_submission_method</c>
    /// (400 <c>parameter_missing</c>). Stripe itself does not; this guards DisputeKit's promise that
    /// Smart Disputes never submits what the merchant did not choose. Default true.
    /// </summary>
    public bool RequireIntendedSubmissionMethod { get; set; } = true;

    /// <summary>
    /// The card network's page limit as Stripe enforces it since 2026-09-30: evidence whose
    /// files together have more pages is refused with 400 <c>dispute_evidence_page_limit_exceeded</c>,
    /// staged or submitted. Pages are counted in each uploaded PDF (an image is one page).
    /// Null (the default): not enforced.
    /// </summary>
    public int? EvidencePageLimit { get; set; }

    /// <summary>Where the fake delivers its events as Stripe's webhooks (e.g. <c>http://127.0.0.1:5080/stripe/webhook</c>); null (the default): none are delivered.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The endpoint's signing secret the fake signs deliveries with (<c>whsec_…</c>).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Attempts per event while the endpoint answers anything but 2xx (growing waits from 0.25 s to 5 s). Default 8.</summary>
    public int WebhookAttempts { get; set; } = 8;
}

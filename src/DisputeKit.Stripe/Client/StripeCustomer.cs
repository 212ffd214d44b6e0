namespace DisputeKit.Stripe.Client;

/// <summary>A Stripe customer, or the stub Stripe returns for a deleted one.</summary>
public sealed record StripeCustomer(string Id, bool Deleted, string? Email, string? Name, IReadOnlyDictionary<string, string> Metadata);

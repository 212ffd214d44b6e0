namespace DisputeKit.Core.Merchant;

/// <summary>How an email address is compared across the seller's records, Stripe and support: trimmed, case-insensitive.</summary>
public static class Emails
{
    /// <summary>The address trimmed and lower-cased; null when there is none.</summary>
    public static string? Normalize(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}

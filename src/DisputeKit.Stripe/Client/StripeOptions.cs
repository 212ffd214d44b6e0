using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Stripe.Client;

/// <summary>Where and how to reach Stripe (section <c>Stripe</c>).</summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    /// <summary>The API version every request pins (the spec's <c>info.version</c>).</summary>
    public const string ApiVersion = "2026-07-29.dahlia";

    /// <summary>Secret or restricted key; from configuration or <c>STRIPE_API_KEY</c>, never from a committed file.</summary>
    public string? ApiKey { get; set; }

    /// <summary>API host. Default <c>https://api.stripe.com</c>.</summary>
    [Required]
    public Uri ApiBase { get; set; } = new("https://api.stripe.com");

    /// <summary>Files host for uploads. Default <c>https://files.stripe.com</c>.</summary>
    [Required]
    public Uri FilesBase { get; set; } = new("https://files.stripe.com");

    /// <summary>Live keys (<c>sk_live_</c>, <c>rk_live_</c>) are refused unless this is true.</summary>
    public bool AllowLiveKeys { get; set; }

    /// <summary>Timeout of one HTTP attempt, seconds. Default 30.</summary>
    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 30;
}

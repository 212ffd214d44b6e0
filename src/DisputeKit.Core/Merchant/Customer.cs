namespace DisputeKit.Core.Merchant;

/// <summary>A shop account, as in <c>customers.jsonl</c>.</summary>
public sealed record Customer
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public string? Name { get; init; }
    public string? Locale { get; init; }
    public string? Country { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? StripeCustomerId { get; init; }
    public string? Status { get; init; }
}

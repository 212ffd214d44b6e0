namespace DisputeKit.Core.Merchant;

/// <summary>The record that the customer accepted a policy version at checkout.</summary>
public sealed record PolicyAcceptance
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public string? OrderId { get; init; }
    public required string Policy { get; init; }
    public required string Version { get; init; }
    public required string Locale { get; init; }
    public required DateTimeOffset AcceptedAt { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
}

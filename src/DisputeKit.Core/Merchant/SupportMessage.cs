namespace DisputeKit.Core.Merchant;

/// <summary>One message of a support conversation.</summary>
public sealed record SupportMessage
{
    public required string Id { get; init; }
    public string? ThreadId { get; init; }
    public string? CustomerId { get; init; }
    public string? Email { get; init; }
    public required string Channel { get; init; }
    /// <summary><c>inbound</c> (from the customer) or <c>outbound</c> (from support).</summary>
    public required string Direction { get; init; }
    public required DateTimeOffset At { get; init; }
    public IReadOnlyList<string>? OrderIds { get; init; }
    public string? Subject { get; init; }
    public required string Body { get; init; }
    public string? Agent { get; init; }

    public bool IsInbound => string.Equals(Direction, "inbound", StringComparison.OrdinalIgnoreCase);
}

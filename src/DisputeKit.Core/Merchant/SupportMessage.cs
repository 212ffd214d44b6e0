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
    /// <summary>Where the message was read: null for the seller's exported messages, else the support source's name (<c>mailbox support@shop.example</c>).</summary>
    public string? Source { get; init; }
    /// <summary>The message's own id at its source (an e-mail's Message-Id, a ticket comment's id), by which it is cited.</summary>
    public string? SourceId { get; init; }
    /// <summary>The names of the files attached, never their content.</summary>
    public IReadOnlyList<string>? Attachments { get; init; }

    public bool IsInbound => string.Equals(Direction, "inbound", StringComparison.OrdinalIgnoreCase);
}

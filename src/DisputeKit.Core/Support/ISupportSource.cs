using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Support;

/// <summary>
/// Port to one place where support happens (the support mailbox, a helpdesk), read
/// incrementally: from a saved position, a page at a time, each page with the position after it,
/// so a sync that stops resumes where it stopped. What each message is (inbound or outbound, the
/// customer's address, the orders it names) is decided by the source; which customer it belongs
/// to is found later, as for the seller's exported messages.
/// </summary>
public interface ISupportSource
{
    /// <summary>How messages and findings cite the source, e.g. <c>mailbox support@shop.example</c>.</summary>
    string Name { get; }

    /// <summary>The messages after <paramref name="position"/> (null: from the start).</summary>
    IAsyncEnumerable<SupportPage> ReadAsync(string? position, CancellationToken cancellationToken);
}

/// <summary>
/// Messages read from a source, and the position after them. <see cref="Restarted"/> says the
/// source could not go on from the position it was given (a mailbox whose UIDVALIDITY changed)
/// and reads from the start again: messages already held come again, under the same
/// <see cref="SupportMessage.SourceId"/>.
/// </summary>
public sealed record SupportPage(IReadOnlyList<SupportMessage> Messages, string Position)
{
    /// <summary>Messages left out because they cannot be read, each named (folder, UID, why).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>Messages that are not contact (auto-replies, bounces), counted.</summary>
    public int NotContact { get; init; }

    public bool Restarted { get; init; }
}

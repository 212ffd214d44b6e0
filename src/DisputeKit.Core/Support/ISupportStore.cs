using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Support;

/// <summary>
/// Port to where messages read from support sources are kept (files under <c>data/</c>, or
/// PostgreSQL), with each source's position and how its last sync went. A page's messages and
/// the position after them are saved together, so a sync that stops resumes where it stopped.
/// </summary>
public interface ISupportStore
{
    /// <summary>Each source the store has heard of: its position, when it was last read whole, and its last problem.</summary>
    Task<IReadOnlyList<SupportSourceState>> StatesAsync(CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="messages"/> of <paramref name="source"/> (replacing any held under the same <see cref="SupportMessage.SourceId"/>), then the position after them.</summary>
    Task SavePageAsync(string source, IReadOnlyList<SupportMessage> messages, string position, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="source"/> was read to its end at <paramref name="at"/>, or that it failed with <paramref name="problem"/>.</summary>
    Task RecordSyncAsync(string source, DateTimeOffset at, string? problem, CancellationToken cancellationToken);

    /// <summary>
    /// Messages tied to <paramref name="customerId"/> (a helpdesk requester's external id), from or
    /// to any of <paramref name="emails"/> (case-insensitive), or naming one of
    /// <paramref name="orderIds"/>, and every message of the threads those belong to; in time order.
    /// </summary>
    Task<IReadOnlyList<SupportMessage>> MessagesAsync(string? customerId, IReadOnlyCollection<string> emails, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken);
}

/// <summary>What the store knows of one source.</summary>
public sealed record SupportSourceState
{
    public required string Source { get; init; }
    public string? Position { get; init; }
    /// <summary>When the source was last read to its end.</summary>
    public DateTimeOffset? SyncedAt { get; init; }
    /// <summary>When the last attempt failed, and why; cleared by the next sync that reads the source whole.</summary>
    public DateTimeOffset? FailedAt { get; init; }
    public string? Problem { get; init; }
}

namespace DisputeKit.Core.Cases;

/// <summary>Port to where cases and packs are kept (files under <c>data/</c>, or PostgreSQL).</summary>
public interface ICaseStore
{
    Task<DisputeCase?> GetAsync(string disputeId, CancellationToken cancellationToken);

    /// <summary>Saves the case atomically: a reader sees the old or the new record, never a torn one.</summary>
    Task SaveAsync(DisputeCase disputeCase, CancellationToken cancellationToken);

    /// <summary>Every readable case; an unreadable one is left out (and reported when its dispute is worked).</summary>
    Task<IReadOnlyList<DisputeCase>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Keeps the rendered pack and returns where it is.</summary>
    Task<string> SavePackAsync(string disputeId, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken);

    Task<byte[]?> ReadPackAsync(string disputeId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims one case for the caller until the returned handle is disposed, so that exactly one
    /// process works it at a time; null, at once, when another process holds it. A claim held
    /// by a process that dies is released with it.
    /// </summary>
    Task<IAsyncDisposable?> TryClaimAsync(string disputeId, CancellationToken cancellationToken);
}

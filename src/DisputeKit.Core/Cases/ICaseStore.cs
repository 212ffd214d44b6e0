namespace DisputeKit.Core.Cases;

/// <summary>Port to where cases, packs and sweep summaries are kept (files under <c>data/</c>, or PostgreSQL).</summary>
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

    /// <summary>Takes the exclusive lock that keeps two sweeps from working the same store at once.</summary>
    Task<IAsyncDisposable> LockAsync(CancellationToken cancellationToken);
}

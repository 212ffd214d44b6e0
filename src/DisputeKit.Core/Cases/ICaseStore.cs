namespace DisputeKit.Core.Cases;

/// <summary>Port to where cases and packs are kept (files under <c>data/</c>, or PostgreSQL).</summary>
public interface ICaseStore
{
    Task<DisputeCase?> GetAsync(string disputeId, CancellationToken cancellationToken);

    /// <summary>Saves the case atomically: a reader sees the old or the new record, never a torn one.</summary>
    Task SaveAsync(DisputeCase disputeCase, CancellationToken cancellationToken);

    /// <summary>
    /// Every stored case, in dispute id order, one at a time: each read, or named with what is
    /// wrong (and left untouched). A sweep counts and learns from them as they come, so it never
    /// holds every case at once.
    /// </summary>
    IAsyncEnumerable<StoredCase> ScanAsync(CancellationToken cancellationToken);

    /// <summary>Every case by dispute id, and every stored case that cannot be read (named, with what is wrong, and left untouched).</summary>
    async Task<CaseList> ListAsync(CancellationToken cancellationToken)
    {
        var cases = new List<DisputeCase>();
        var unreadable = new List<UnreadableCase>();
        await foreach (var stored in ScanAsync(cancellationToken))
        {
            if (stored.Case is { } c)
            {
                cases.Add(c);
            }
            else
            {
                unreadable.Add(new UnreadableCase(stored.DisputeId, stored.Problem ?? "unreadable"));
            }
        }

        return new CaseList(cases, unreadable);
    }

    /// <summary>
    /// A <see cref="CaseRow"/> per stored case, for the dispute queue, which asks on every page:
    /// stores answer it more cheaply than by reading every whole case (PostgreSQL reads the fields
    /// in place; the file store keeps the rows of files unchanged since it last read them).
    /// </summary>
    async Task<CaseRows> RowsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<CaseRow>();
        var unreadable = new List<UnreadableCase>();
        await foreach (var stored in ScanAsync(cancellationToken))
        {
            if (stored.Case is { } c)
            {
                rows.Add(CaseRow.Of(c));
            }
            else
            {
                unreadable.Add(new UnreadableCase(stored.DisputeId, stored.Problem ?? "unreadable"));
            }
        }

        return new CaseRows(rows, unreadable);
    }

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

/// <summary>The stored cases: those read, and those that could not be (a person must look at them).</summary>
public sealed record CaseList(IReadOnlyList<DisputeCase> Cases, IReadOnlyList<UnreadableCase> Unreadable)
{
    public static CaseList Empty { get; } = new([], []);
}

/// <summary>One stored case as a scan reads it: the case, or (when it cannot be read) what is wrong.</summary>
public sealed record StoredCase(string DisputeId, DisputeCase? Case, string? Problem);

/// <summary>A stored case that cannot be read: its dispute id and what is wrong, naming the file or row.</summary>
public sealed record UnreadableCase(string DisputeId, string Problem);

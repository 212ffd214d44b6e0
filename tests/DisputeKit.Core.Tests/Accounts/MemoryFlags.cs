using DisputeKit.Core.Accounts;

namespace DisputeKit.Core.Tests.Accounts;

/// <summary>
/// An in-memory flag store with the stores' rules: flags kept by id, one open per customer. Safe
/// to use from the several tasks of a sweep at once, as the real stores are.
/// </summary>
internal sealed class MemoryFlags : IFlagStore
{
    private readonly Dictionary<string, AccountFlag> _byId = [];
    private readonly Lock _gate = new();

    /// <summary>Each customer's latest flag.</summary>
    public IReadOnlyDictionary<string, AccountFlag> Flags
    {
        get
        {
            lock (_gate)
            {
                return _byId.Values.GroupBy(f => f.CustomerId).ToDictionary(g => g.Key, g => g.MaxBy(f => f.CreatedAt)!);
            }
        }
    }

    public int Saves { get; private set; }

    /// <summary>The next update fails, as a database that dropped the connection does.</summary>
    public bool FailNextUpdate { get; set; }

    public Task<AccountFlag?> GetOpenAsync(string customerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_byId.Values.SingleOrDefault(f => f.CustomerId == customerId && f.IsOpen));
        }
    }

    public Task SaveAsync(AccountFlag flag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Saves++;
            _byId[flag.Id] = flag;
        }

        return Task.CompletedTask;
    }

    public Task<bool> UpdateOpenAsync(string customerId, Func<AccountFlag?, AccountFlag?> change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (FailNextUpdate)
            {
                FailNextUpdate = false;
                throw new IOException("The flag store closed the connection.");
            }

            if (change(_byId.Values.SingleOrDefault(f => f.CustomerId == customerId && f.IsOpen)) is not { } changed)
            {
                return Task.FromResult(false);
            }

            Saves++;
            _byId[changed.Id] = changed;
            return Task.FromResult(true);
        }
    }

    public async IAsyncEnumerable<AccountFlag> ScanOpenAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A copy: the caller saves flags while it goes through them.
        List<AccountFlag> open;
        lock (_gate)
        {
            open = [.. _byId.Values.Where(f => f.IsOpen).OrderBy(f => f.CustomerId, StringComparer.Ordinal)];
        }

        foreach (var flag in open)
        {
            await Task.Yield();
            yield return flag;
        }
    }

    public Task<IReadOnlyList<AccountFlag>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AccountFlag>>([.. _byId.Values]);
        }
    }

    public Task<IReadOnlyList<AccountFlag>> HistoryAsync(string customerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AccountFlag>>([.. _byId.Values.Where(f => f.CustomerId == customerId).OrderByDescending(f => f.CreatedAt)]);
        }
    }
}

using DisputeKit.Core.Accounts;

namespace DisputeKit.Core.Tests.Accounts;

/// <summary>An in-memory flag store with the stores' rules: flags kept by id, one open per customer.</summary>
internal sealed class MemoryFlags : IFlagStore
{
    private readonly Dictionary<string, AccountFlag> _byId = [];

    /// <summary>Each customer's latest flag.</summary>
    public IReadOnlyDictionary<string, AccountFlag> Flags =>
        _byId.Values.GroupBy(f => f.CustomerId).ToDictionary(g => g.Key, g => g.MaxBy(f => f.CreatedAt)!);

    public int Saves { get; private set; }

    /// <summary>The next update fails, as a database that dropped the connection does.</summary>
    public bool FailNextUpdate { get; set; }

    public Task<AccountFlag?> GetOpenAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult(_byId.Values.SingleOrDefault(f => f.CustomerId == customerId && f.IsOpen));

    public Task SaveAsync(AccountFlag flag, CancellationToken cancellationToken)
    {
        Saves++;
        _byId[flag.Id] = flag;
        return Task.CompletedTask;
    }

    public async Task<bool> UpdateOpenAsync(string customerId, Func<AccountFlag?, AccountFlag?> change, CancellationToken cancellationToken)
    {
        if (FailNextUpdate)
        {
            FailNextUpdate = false;
            throw new IOException("The flag store closed the connection.");
        }

        if (change(await GetOpenAsync(customerId, cancellationToken)) is not { } changed)
        {
            return false;
        }

        await SaveAsync(changed, cancellationToken);
        return true;
    }

    public async IAsyncEnumerable<AccountFlag> ScanOpenAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A copy: the caller saves flags while it goes through them.
        foreach (var flag in _byId.Values.Where(f => f.IsOpen).OrderBy(f => f.CustomerId, StringComparer.Ordinal).ToList())
        {
            await Task.Yield();
            yield return flag;
        }
    }

    public Task<IReadOnlyList<AccountFlag>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccountFlag>>([.. _byId.Values]);

    public Task<IReadOnlyList<AccountFlag>> HistoryAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccountFlag>>([.. _byId.Values.Where(f => f.CustomerId == customerId).OrderByDescending(f => f.CreatedAt)]);
}

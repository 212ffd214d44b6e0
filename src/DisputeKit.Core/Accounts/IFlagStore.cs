namespace DisputeKit.Core.Accounts;

/// <summary>Port to where account flags are kept.</summary>
public interface IFlagStore
{
    Task<AccountFlag?> GetOpenAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Saves a flag under its id; a closed flag of the same customer with another id is kept.</summary>
    Task SaveAsync(AccountFlag flag, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the customer's open flag (or null), and saves what <paramref name="change"/> makes of
    /// it, with no other process changing that customer's flag in between. A null change saves nothing.
    /// </summary>
    /// <returns>True when a flag was saved.</returns>
    Task<bool> UpdateOpenAsync(string customerId, Func<AccountFlag?, AccountFlag?> change, CancellationToken cancellationToken);

    /// <summary>
    /// Every open flag, one at a time, by customer id: going through them all holds one flag, not
    /// all of them. Flags saved while the scan runs may or may not be seen, but none twice.
    /// </summary>
    IAsyncEnumerable<AccountFlag> ScanOpenAsync(CancellationToken cancellationToken);

    /// <summary>Every flag, open and closed (a customer flagged again later has several).</summary>
    Task<IReadOnlyList<AccountFlag>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The customer's flags, newest first: the open one (if any), then the closed ones.</summary>
    Task<IReadOnlyList<AccountFlag>> HistoryAsync(string customerId, CancellationToken cancellationToken);
}

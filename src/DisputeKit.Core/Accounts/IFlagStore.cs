namespace DisputeKit.Core.Accounts;

/// <summary>Port to where account flags are kept.</summary>
public interface IFlagStore
{
    Task<AccountFlag?> GetOpenAsync(string customerId, CancellationToken cancellationToken);

    Task SaveAsync(AccountFlag flag, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccountFlag>> ListAsync(CancellationToken cancellationToken);
}

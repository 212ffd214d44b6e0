namespace DisputeKit.Core.Warnings;

/// <summary>Where warnings' cases are kept: files or PostgreSQL, shared by every process on one store.</summary>
public interface IWarningStore
{
    Task<WarningCase?> GetAsync(string warningId, CancellationToken cancellationToken);

    Task SaveAsync(WarningCase warning, CancellationToken cancellationToken);

    /// <summary>Every warning kept, newest first.</summary>
    Task<IReadOnlyList<WarningCase>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Claims the warning for this process (released on dispose); null while another holds it.</summary>
    Task<IAsyncDisposable?> TryClaimAsync(string warningId, CancellationToken cancellationToken);
}

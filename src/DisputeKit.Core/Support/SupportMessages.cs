using DisputeKit.Core.Merchant;

namespace DisputeKit.Core.Support;

/// <summary>
/// The messages of the support sources, for the evidence: those the store holds, and which
/// configured sources are out of date (never read whole, or not within
/// <see cref="SupportOptions.MaxAgeHours"/>), so that no finding says "no contact" without them.
/// </summary>
public sealed class SupportMessages(IEnumerable<ISupportSource> sources, Microsoft.Extensions.Options.IOptions<SupportOptions> options, TimeProvider clock, ISupportStore? store = null)
{
    private readonly IReadOnlyList<string> _configured = store is null ? [] : [.. sources.Select(s => s.Name)];

    /// <summary>Whether the seller's exported messages are one of the sources (<see cref="SupportOptions.ReadsExportedMessages"/>).</summary>
    public bool ReadsExportedMessages => options.Value.ReadsExportedMessages;

    public Task<IReadOnlyList<SupportMessage>> MessagesAsync(string? customerId, IReadOnlyCollection<string> emails, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken) =>
        _configured.Count == 0 || store is null ? Task.FromResult<IReadOnlyList<SupportMessage>>([]) : store.MessagesAsync(customerId, emails, orderIds, cancellationToken);

    /// <summary>Each configured source that is out of date, named with when it was last read whole and why not since.</summary>
    public async Task<IReadOnlyList<string>> OutOfDateAsync(CancellationToken cancellationToken)
    {
        if (_configured.Count == 0 || store is null)
        {
            return [];
        }

        var states = (await store.StatesAsync(cancellationToken)).ToDictionary(s => s.Source, StringComparer.Ordinal);
        var oldest = clock.GetUtcNow() - TimeSpan.FromHours(options.Value.MaxAgeHours);
        return [.. _configured
            .Select(name => (Name: name, State: states.GetValueOrDefault(name)))
            .Where(s => s.State?.SyncedAt is not { } at || at < oldest)
            .Select(s => s.State?.SyncedAt is { } at
                ? $"{s.Name} (last read whole {Formatting.Formats.Stamp(at)}{(s.State.Problem is { } p ? $"; since then: {p}" : string.Empty)})"
                : $"{s.Name} (never read whole{(s.State?.Problem is { } p2 ? $": {p2}" : string.Empty)})")];
    }
}

using System.Text.Json;
using DisputeKit.Core.Json;
using DisputeKit.Core.Warnings;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>Warnings' cases in memory, written and read as JSON as the real stores do (so a record that does not round-trip fails here too).</summary>
internal sealed class MemoryWarnings : IWarningStore
{
    private readonly Dictionary<string, string> _saved = new(StringComparer.Ordinal);

    /// <summary>Every save, in order: the state each warning was saved in.</summary>
    public List<(string Id, WarningState State)> Saves { get; } = [];

    /// <summary>Warnings whose claim another process holds.</summary>
    public HashSet<string> HeldElsewhere { get; } = new(StringComparer.Ordinal);

    public Task<WarningCase?> GetAsync(string warningId, CancellationToken cancellationToken) =>
        Task.FromResult(_saved.TryGetValue(warningId, out var json) ? JsonSerializer.Deserialize<WarningCase>(json, DisputeKitJson.Options) : null);

    public Task SaveAsync(WarningCase warning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warning);
        _saved[warning.Id] = JsonSerializer.Serialize(warning, DisputeKitJson.Options);
        Saves.Add((warning.Id, warning.State));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WarningCase>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WarningCase>>([.. _saved.Values.Select(j => JsonSerializer.Deserialize<WarningCase>(j, DisputeKitJson.Options)!).OrderByDescending(w => w.WarnedAt)]);

    public Task<IAsyncDisposable?> TryClaimAsync(string warningId, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(HeldElsewhere.Contains(warningId) ? null : new Claim());

    private sealed class Claim : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

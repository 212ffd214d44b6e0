using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using System.Text.Json;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>
/// An in-memory case store that keeps each case as the JSON the real stores write, so what a
/// test reads back went through the same serialisation; claims are always granted.
/// </summary>
internal sealed class MemoryCases : ICaseStore
{
    // Concurrent: a sweep works several cases at once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cases = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _packs = new(StringComparer.Ordinal);
    private readonly Lock _fault = new();
    private int _saves;

    public int Saves => _saves;

    public Task<DisputeCase?> GetAsync(string disputeId, CancellationToken cancellationToken) =>
        Task.FromResult(_cases.TryGetValue(disputeId, out var json) ? Read(json) : null);

    /// <summary>The next save of a case moving into this state fails, once, as a disk or database that gave out.</summary>
    public CaseState? FailNextSaveInto { get; set; }

    public Task SaveAsync(DisputeCase disputeCase, CancellationToken cancellationToken)
    {
        lock (_fault)
        {
            // Checked and cleared at once: two cases saving into the state together must not both fail.
            if (FailNextSaveInto == disputeCase.State && disputeCase.Audit[^1].From != disputeCase.State)
            {
                FailNextSaveInto = null;
                throw new IOException($"The store could not write the case of {disputeCase.DisputeId}.");
            }
        }

        Interlocked.Increment(ref _saves);
        _cases[disputeCase.DisputeId] = JsonSerializer.Serialize(disputeCase, DisputeKitJson.Indented);
        return Task.CompletedTask;
    }

    /// <summary>Puts a case file as it was written (e.g. a checked-in fixture) in the store.</summary>
    public void Put(string disputeId, string json) => _cases[disputeId] = json;

    public string Json(string disputeId) => _cases[disputeId];

    public async IAsyncEnumerable<StoredCase> ScanAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var (id, json) in _cases.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList())
        {
            yield return new StoredCase(id, Read(json), null);
        }
    }

    public Task<string> SavePackAsync(string disputeId, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken)
    {
        _packs[disputeId] = pdf.ToArray();
        return Task.FromResult($"packs/{disputeId}.pdf");
    }

    public Task<byte[]?> ReadPackAsync(string disputeId, CancellationToken cancellationToken) =>
        Task.FromResult(_packs.TryGetValue(disputeId, out var pdf) ? pdf : null);

    public Task<IAsyncDisposable?> TryClaimAsync(string disputeId, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(HeldElsewhere.Contains(disputeId) ? null : new Claim());

    /// <summary>Cases whose claim another process holds: <see cref="TryClaimAsync"/> answers null for them.</summary>
    public HashSet<string> HeldElsewhere { get; } = new(StringComparer.Ordinal);

    private static DisputeCase Read(string json) => JsonSerializer.Deserialize<DisputeCase>(json, DisputeKitJson.Options)!;

    private sealed class Claim : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

using System.Buffers;
using System.Text.Json;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Json;

namespace DisputeKit.Core.Sweeps;

/// <summary>
/// A sweep's listing of disputes, spooled to scratch space as Stripe pages through them, so the
/// sweep can work them most urgent deadline first (Stripe lists by creation) without holding
/// them: per dispute it keeps only its id, deadline and place in the spool, and its charge (no
/// disputed order may count as a prior undisputed one). Each dispute is read back when it is
/// worked, or found by id for the flag upkeep.
/// </summary>
public sealed class DisputeListing : IListedDisputes, IAsyncDisposable
{
    private readonly Stream _spool;
    private readonly Lock _gate = new();
    private readonly Entry[] _urgentFirst;
    private readonly Entry[] _byId;

    private DisputeListing(Stream spool, List<Entry> entries, HashSet<string> chargeIds)
    {
        _spool = spool;
        _urgentFirst = [.. entries];
        Array.Sort(_urgentFirst, static (a, b) =>
        {
            var byDue = a.DueBy.CompareTo(b.DueBy);
            return byDue != 0 ? byDue : string.CompareOrdinal(a.Id, b.Id);
        });
        _byId = [.. entries];
        Array.Sort(_byId, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        ChargeIds = chargeIds;
    }

    public int Count => _urgentFirst.Length;

    /// <summary>The charges the listed disputes are against.</summary>
    public IReadOnlySet<string> ChargeIds { get; }

    /// <summary>Lists every dispute <paramref name="disputes"/> yields into <paramref name="spool"/>, which the listing then owns.</summary>
    public static async Task<DisputeListing> SpoolAsync(IAsyncEnumerable<Dispute> disputes, Stream spool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disputes);
        ArgumentNullException.ThrowIfNull(spool);
        var entries = new List<Entry>();
        var charges = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var dispute in disputes.WithCancellation(cancellationToken))
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(dispute, DisputeKitJson.Options);
                var at = spool.Position;
                await spool.WriteAsync(json, cancellationToken);
                // A dispute Stripe gives no deadline goes last, as the sweep always took them.
                entries.Add(new Entry(dispute.Id, (dispute.DueBy ?? DateTimeOffset.MaxValue).UtcTicks, at, json.Length));
                charges.Add(dispute.ChargeId);
            }

            await spool.FlushAsync(cancellationToken);
            return new DisputeListing(spool, entries, charges);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every listed dispute, the soonest deadline first (then by id), read back one at a time.</summary>
    public IEnumerable<Dispute> UrgentFirst() => _urgentFirst.Select(Read);

    public ValueTask<Dispute?> FindAsync(string disputeId, CancellationToken cancellationToken)
    {
        var at = Array.BinarySearch(_byId, new Entry(disputeId, 0, 0, 0), ById.Instance);
        return ValueTask.FromResult(at >= 0 ? Read(_byId[at]) : null);
    }

    public ValueTask DisposeAsync() => _spool.DisposeAsync();

    private Dispute Read(Entry entry)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(entry.Length);
        try
        {
            lock (_gate)
            {
                _spool.Position = entry.Offset;
                _spool.ReadExactly(buffer, 0, entry.Length);
            }

            return JsonSerializer.Deserialize<Dispute>(buffer.AsSpan(0, entry.Length), DisputeKitJson.Options)
                ?? throw new InvalidDataException($"The spooled listing of dispute {entry.Id} reads back as null.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private readonly record struct Entry(string Id, long DueBy, long Offset, int Length);

    private sealed class ById : IComparer<Entry>
    {
        public static readonly ById Instance = new();

        public int Compare(Entry x, Entry y) => string.CompareOrdinal(x.Id, y.Id);
    }
}

using System.Text.Json;
using DisputeKit.Core.Events;
using DisputeKit.Core.Json;

namespace DisputeKit.Storage.Files;

/// <summary>
/// Stripe events as one JSON file each under <c>data/events/</c>, named by event id: the first
/// write of an id wins (a file moved into place only where none is), so a redelivery changes
/// nothing, and two processes on one folder keep an event once.
/// </summary>
public sealed class FileEventStore(DataFolder folder) : IEventStore
{
    public Task<bool> RecordAsync(StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        return AtomicFile.WriteAsync(EventPath(stripeEvent.Id), Serialize(stripeEvent), overwrite: false, cancellationToken);
    }

    public async Task<StripeEvent?> GetAsync(string eventId, CancellationToken cancellationToken)
    {
        var path = EventPath(eventId);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<StripeEvent>(stream, DisputeKitJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Event file {path} is not a valid event record: {e.Message}", e);
        }
    }

    public async Task<IReadOnlyList<StripeEvent>> PendingAsync(CancellationToken cancellationToken) =>
        [.. (await AllAsync(cancellationToken)).Where(e => e.WorkedAt is null).OrderBy(e => e.Created).ThenBy(e => e.Id, StringComparer.Ordinal)];

    public async Task MarkWorkedAsync(string eventId, string result, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var kept = await GetAsync(eventId, cancellationToken) ?? throw new InvalidOperationException($"No event {eventId} was kept.");
        await AtomicFile.WriteAsync(EventPath(eventId), Serialize(kept with { WorkedAt = at, Result = result }), cancellationToken);
    }

    public async Task<DateTimeOffset?> LatestCreatedAsync(CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken)).Select(e => (DateTimeOffset?)e.Created).DefaultIfEmpty(null).Max();

    private async Task<List<StripeEvent>> AllAsync(CancellationToken cancellationToken)
    {
        var all = new List<StripeEvent>();
        if (!Directory.Exists(folder.Events))
        {
            return all;
        }

        foreach (var file in Directory.EnumerateFiles(folder.Events, "*.json"))
        {
            if (await GetAsync(Path.GetFileNameWithoutExtension(file), cancellationToken) is { } e)
            {
                all.Add(e);
            }
        }

        return all;
    }

    private static byte[] Serialize(StripeEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, DisputeKitJson.Indented);

    private string EventPath(string eventId) => Path.Combine(folder.Events, DataFolder.SafeName(eventId) + ".json");
}

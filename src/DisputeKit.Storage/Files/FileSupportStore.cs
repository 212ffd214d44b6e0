using System.Text;
using System.Text.Json;
using DisputeKit.Core.Json;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Support;

namespace DisputeKit.Storage.Files;

/// <summary>
/// Support sources' messages under <c>data/support/{source}/</c>: <c>messages.jsonl</c>, one
/// message a line, appended page by page (a message read again is appended again, and its latest
/// line is the one that counts), and <c>state.json</c>, the position and the last sync, written
/// whole after each page. Each process indexes the lines by address, order number and thread,
/// keeping where each line is rather than the line, and indexes only what was appended since
/// it last looked, so another process's sync is seen at the next look-up.
/// </summary>
public sealed class FileSupportStore(DataFolder folder) : ISupportStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Shelf> _shelves = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<SupportSourceState>> StatesAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder.Support))
        {
            return [];
        }

        var states = new List<SupportSourceState>();
        foreach (var dir in Directory.GetDirectories(folder.Support).Order(StringComparer.Ordinal))
        {
            if (await ReadStateAsync(dir, cancellationToken) is { } state)
            {
                states.Add(state);
            }
        }

        return states;
    }

    public async Task SavePageAsync(string source, IReadOnlyList<SupportMessage> messages, string position, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var dir = Dir(source);
        Directory.CreateDirectory(dir);
        if (messages.Count > 0)
        {
            var lines = new MemoryStream();
            foreach (var message in messages)
            {
                JsonSerializer.Serialize(lines, message with { Email = message.Email?.Trim().ToLowerInvariant() }, DisputeKitJson.Options);
                lines.WriteByte((byte)'\n');
            }

            await using var file = new FileStream(Path.Combine(dir, "messages.jsonl"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
            lines.Position = 0;
            await lines.CopyToAsync(file, cancellationToken);
            await file.FlushAsync(cancellationToken);
            // On the disk before the position after them is saved: a crash reads them again, never skips them.
            file.Flush(flushToDisk: true);
        }

        var state = await ReadStateAsync(dir, cancellationToken) ?? new SupportSourceState { Source = source };
        await WriteStateAsync(dir, state with { Source = source, Position = position }, cancellationToken);
    }

    public async Task RecordSyncAsync(string source, DateTimeOffset at, string? problem, CancellationToken cancellationToken)
    {
        var dir = Dir(source);
        Directory.CreateDirectory(dir);
        var state = await ReadStateAsync(dir, cancellationToken) ?? new SupportSourceState { Source = source };
        await WriteStateAsync(dir, problem is null
            ? state with { Source = source, SyncedAt = at, FailedAt = null, Problem = null }
            : state with { Source = source, FailedAt = at, Problem = problem }, cancellationToken);
    }

    public async Task<IReadOnlyList<SupportMessage>> MessagesAsync(string? customerId, IReadOnlyCollection<string> emails, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(orderIds);
        if (!Directory.Exists(folder.Support) || (customerId is null && emails.Count == 0 && orderIds.Count == 0))
        {
            return [];
        }

        var found = new List<SupportMessage>();
        foreach (var dir in Directory.GetDirectories(folder.Support).Order(StringComparer.Ordinal))
        {
            var shelf = Refresh(dir);
            List<Place> places;
            lock (shelf)
            {
                places = shelf.Find(customerId, [.. emails.Select(e => e.Trim().ToLowerInvariant())], orderIds);
            }

            if (places.Count == 0)
            {
                continue;
            }

            await using var file = new FileStream(Path.Combine(dir, "messages.jsonl"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096);
            foreach (var place in places)
            {
                var buffer = new byte[place.Length];
                file.Position = place.Offset;
                await file.ReadExactlyAsync(buffer, cancellationToken);
                found.Add(JsonSerializer.Deserialize<SupportMessage>(buffer, DisputeKitJson.Options)!);
            }
        }

        return [.. found.OrderBy(m => m.At).ThenBy(m => m.SourceId ?? m.Id, StringComparer.Ordinal)];
    }

    private string Dir(string source)
    {
        var slug = new StringBuilder(source.Length);
        foreach (var c in source.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '@' or '_' or '-' ? c : '-');
        }

        return Path.Combine(folder.Support, slug.ToString());
    }

    private static async Task<SupportSourceState?> ReadStateAsync(string dir, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dir, "state.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<SupportSourceState>(stream, DisputeKitJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the support source's state cannot be read ({e.Message}); remove it to read the source from its start.", e);
        }
    }

    private static Task WriteStateAsync(string dir, SupportSourceState state, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(Path.Combine(dir, "state.json"), JsonSerializer.SerializeToUtf8Bytes(state, DisputeKitJson.Indented), cancellationToken);

    /// <summary>The shelf of <paramref name="dir"/>, with every whole line appended since it last looked indexed.</summary>
    private Shelf Refresh(string dir)
    {
        Shelf shelf;
        lock (_gate)
        {
            if (!_shelves.TryGetValue(dir, out shelf!))
            {
                _shelves[dir] = shelf = new Shelf();
            }
        }

        var path = Path.Combine(dir, "messages.jsonl");
        lock (shelf)
        {
            if (!File.Exists(path))
            {
                return shelf;
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            if (file.Length <= shelf.Indexed)
            {
                return shelf;
            }

            file.Position = shelf.Indexed;
            var line = new MemoryStream();
            var start = shelf.Indexed;
            var at = shelf.Indexed;
            var buffer = new byte[1 << 16];
            int read;
            while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (var i = 0; i < read; i++, at++)
                {
                    if (buffer[i] != (byte)'\n')
                    {
                        line.WriteByte(buffer[i]);
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        shelf.Add(new Place(start, (int)line.Length), JsonSerializer.Deserialize<SupportMessage>(line.GetBuffer().AsSpan(0, (int)line.Length), DisputeKitJson.Options)!);
                    }

                    line.SetLength(0);
                    start = at + 1;
                }
            }

            // A line still being written is left for the next look.
            shelf.Indexed = start;
            return shelf;
        }
    }

    private readonly record struct Place(long Offset, int Length);

    /// <summary>One source's lines: where each is, and which lines each address, order number and thread has.</summary>
    private sealed class Shelf
    {
        private readonly List<Place> _places = [];
        private readonly List<string?> _threads = [];
        private readonly List<string> _ids = [];
        private readonly Dictionary<string, int> _latest = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _byEmail = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _byCustomer = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _byOrder = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _byThread = new(StringComparer.Ordinal);

        public long Indexed { get; set; }

        public void Add(Place place, SupportMessage message)
        {
            var index = _places.Count;
            _places.Add(place);
            _threads.Add(message.ThreadId);
            _ids.Add(message.SourceId ?? message.Id);
            _latest[_ids[index]] = index;
            if (message.Email is { } email)
            {
                Note(_byEmail, email, index);
            }

            if (message.CustomerId is { } customer)
            {
                Note(_byCustomer, customer, index);
            }

            foreach (var order in message.OrderIds ?? [])
            {
                Note(_byOrder, order, index);
            }

            if (message.ThreadId is { } thread)
            {
                Note(_byThread, thread, index);
            }
        }

        /// <summary>The latest line of each message that matches, and of every message in their threads, in file order.</summary>
        public List<Place> Find(string? customerId, IReadOnlyCollection<string> emails, IReadOnlyCollection<string> orderIds)
        {
            var hits = new HashSet<int>(customerId is null ? [] : _byCustomer.GetValueOrDefault(customerId) ?? []);
            foreach (var email in emails)
            {
                hits.UnionWith(_byEmail.GetValueOrDefault(email) ?? []);
            }

            foreach (var order in orderIds)
            {
                hits.UnionWith(_byOrder.GetValueOrDefault(order) ?? []);
            }

            foreach (var thread in hits.Select(i => _threads[i]).OfType<string>().Distinct(StringComparer.Ordinal).ToList())
            {
                hits.UnionWith(_byThread[thread]);
            }

            return [.. hits.Where(i => _latest[_ids[i]] == i).Order().Select(i => _places[i])];
        }

        private static void Note(Dictionary<string, List<int>> index, string key, int line)
        {
            if (!index.TryGetValue(key, out var lines))
            {
                index[key] = lines = [];
            }

            lines.Add(line);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace DisputeKit.StripeFake;

/// <summary>The fake's objects, idempotency memory and request log; saved to disk after each change when a path is set.</summary>
internal sealed class FakeStripeState
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public Dictionary<string, JsonObject> Disputes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JsonObject> Charges { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JsonObject> Customers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JsonObject> PaymentIntents { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JsonObject> Files { get; } = new(StringComparer.Ordinal);
    /// <summary>Radar value list items by id (<c>rsli_…</c>).</summary>
    public Dictionary<string, JsonObject> RadarItems { get; } = new(StringComparer.Ordinal);
    /// <summary>Radar early fraud warnings by id (<c>issfr_…</c>).</summary>
    public Dictionary<string, JsonObject> Warnings { get; } = new(StringComparer.Ordinal);
    /// <summary>Refunds by id (<c>re_…</c>).</summary>
    public Dictionary<string, JsonObject> Refunds { get; } = new(StringComparer.Ordinal);
    public List<JsonObject> Events { get; } = [];
    public Dictionary<string, IdempotentAnswer> Idempotency { get; } = new(StringComparer.Ordinal);
    /// <summary>Pages of each uploaded file as Stripe estimates them for the network's page limit (not part of Stripe's file object).</summary>
    public Dictionary<string, int> FilePages { get; } = new(StringComparer.Ordinal);
    public List<RecordedRequest> Requests { get; } = [];
    public int FileSequence { get; set; }

    public static FakeStripeState Load(FakeStripeOptions options)
    {
        var state = new FakeStripeState();
        if (options.StatePath is { } statePath && File.Exists(statePath))
        {
            var saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(statePath), Json)
                ?? throw new InvalidDataException($"Fake Stripe state {statePath} is empty.");
            Fill(state.Disputes, saved.Disputes);
            Fill(state.Charges, saved.Charges);
            Fill(state.Customers, saved.Customers);
            Fill(state.PaymentIntents, saved.PaymentIntents);
            Fill(state.Files, saved.Files);
            Fill(state.RadarItems, saved.RadarItems);
            Fill(state.Warnings, saved.Warnings);
            Fill(state.Refunds, saved.Refunds);
            state.Events.AddRange(saved.Events);
            foreach (var (key, answer) in saved.Idempotency)
            {
                state.Idempotency[key] = answer;
            }

            foreach (var (file, pages) in saved.FilePages)
            {
                state.FilePages[file] = pages;
            }

            state.Requests.AddRange(saved.Requests);
            state.FileSequence = saved.FileSequence;
            return state;
        }

        if (options.SeedFolder is { } seed)
        {
            Fill(state.Disputes, ReadArray(seed, "disputes.json"));
            Fill(state.Charges, ReadArray(seed, "charges.json"));
            Fill(state.Customers, ReadArray(seed, "customers.json"));
            Fill(state.PaymentIntents, ReadArray(seed, "payment_intents.json"));
            Fill(state.Warnings, ReadArray(seed, "early_fraud_warnings.json"));
            var made = state.Disputes.Values.Select(d => ("charge.dispute.created", d))
                .Concat(state.Warnings.Values.Select(w => ("radar.early_fraud_warning.created", w)))
                .OrderBy(e => e.Item2["created"]!.GetValue<long>());
            foreach (var (type, item) in made)
            {
                state.AddEvent(type, item, item["created"]!.GetValue<long>(), null);
            }
        }

        return state;
    }

    /// <summary>Told of each event made after the state was loaded (its id and JSON): the webhook deliveries.</summary>
    public Action<string, string>? EventAdded { get; set; }

    public void AddEvent(string type, JsonObject item, long created, JsonObject? previous)
    {
        var data = new JsonObject { ["object"] = item.DeepClone() };
        if (previous is not null)
        {
            data["previous_attributes"] = previous;
        }

        Events.Add(new JsonObject
        {
            ["id"] = $"evt_fake{Events.Count + 1:D8}",
            ["object"] = "event",
            ["api_version"] = "2026-10-28.endive",
            ["created"] = created,
            ["data"] = data,
            ["livemode"] = false,
            ["pending_webhooks"] = 0,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        });
        EventAdded?.Invoke(Events[^1]["id"]!.GetValue<string>(), Events[^1].ToJsonString());
    }

    public void Save(string? statePath)
    {
        if (statePath is null)
        {
            return;
        }

        var saved = new Saved
        {
            Disputes = [.. Disputes.Values],
            Charges = [.. Charges.Values],
            Customers = [.. Customers.Values],
            PaymentIntents = [.. PaymentIntents.Values],
            Files = [.. Files.Values],
            RadarItems = [.. RadarItems.Values],
            Warnings = [.. Warnings.Values],
            Refunds = [.. Refunds.Values],
            Events = Events,
            Idempotency = new Dictionary<string, IdempotentAnswer>(Idempotency, StringComparer.Ordinal),
            FilePages = new Dictionary<string, int>(FilePages, StringComparer.Ordinal),
            Requests = Requests,
            FileSequence = FileSequence,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(statePath))!);
        var temp = statePath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(saved, Json));
        File.Move(temp, statePath, overwrite: true);
    }

    private static JsonArray ReadArray(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            return [];
        }

        return JsonNode.Parse(File.ReadAllText(path)) as JsonArray
            ?? throw new InvalidDataException($"{path}: expected a JSON array of Stripe objects.");
    }

    private static void Fill(Dictionary<string, JsonObject> target, IEnumerable<JsonNode?> items)
    {
        foreach (var item in items.OfType<JsonObject>())
        {
            var id = item["id"]?.GetValue<string>() ?? throw new InvalidDataException("A seeded Stripe object has no id.");
            target[id] = (JsonObject)item.DeepClone();
        }
    }

    internal sealed record IdempotentAnswer(string Fingerprint, int Status, string Body);

    private sealed class Saved
    {
        public List<JsonObject> Disputes { get; init; } = [];
        public List<JsonObject> Charges { get; init; } = [];
        public List<JsonObject> Customers { get; init; } = [];
        public List<JsonObject> PaymentIntents { get; init; } = [];
        public List<JsonObject> Files { get; init; } = [];
        public List<JsonObject> RadarItems { get; init; } = [];
        public List<JsonObject> Warnings { get; init; } = [];
        public List<JsonObject> Refunds { get; init; } = [];
        public List<JsonObject> Events { get; init; } = [];
        public Dictionary<string, IdempotentAnswer> Idempotency { get; init; } = [];
        public Dictionary<string, int> FilePages { get; init; } = [];
        public List<RecordedRequest> Requests { get; init; } = [];
        public int FileSequence { get; init; }
    }
}

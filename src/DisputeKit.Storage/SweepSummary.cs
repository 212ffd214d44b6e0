using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Json;
using DisputeKit.Core.Sweeps;

namespace DisputeKit.Storage;

/// <summary>
/// The written form of a sweep summary, the same in every store: one JSON object whose
/// <c>outcomes</c> come first, written one by one as the sweep does them, and whose headline
/// (scope, times, counts, telemetry, flags, warnings) follows once the sweep is done.
/// </summary>
internal sealed class SweepSummary : IDisposable
{
    /// <summary>Written out to the stream whenever this much is pending, so the summary is never held whole.</summary>
    private const int FlushAt = 1 << 15;

    private readonly Lock _gate = new();
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;
    private readonly JsonSerializerOptions _options;
    private bool _finished;
    private bool _disposed;

    public SweepSummary(Stream stream, bool indented)
    {
        _stream = stream;
        _options = indented ? DisputeKitJson.Indented : DisputeKitJson.Options;
        _writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = _options.Encoder });
        _writer.WriteStartObject();
        _writer.WriteStartArray(Name("Outcomes"));
    }

    public void Add(CaseOutcome outcome)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_finished, this);
            JsonSerializer.Serialize(_writer, outcome, _options);
            if (_writer.BytesPending >= FlushAt)
            {
                _writer.Flush();
            }
        }
    }

    /// <summary>Closes the outcomes and writes the headline after them.</summary>
    public async Task FinishAsync(SweepResult result, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _finished = true;
            _writer.WriteEndArray();
            using var headline = JsonSerializer.SerializeToDocument(Headline(result), _options);
            foreach (var property in headline.RootElement.EnumerateObject())
            {
                property.WriteTo(_writer);
            }

            _writer.WriteEndObject();
        }

        await _writer.FlushAsync(cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _writer.Dispose();
        }
    }

    private string Name(string property) => _options.PropertyNamingPolicy?.ConvertName(property) ?? property;

    private static object Headline(SweepResult result) => new
    {
        result.Scope,
        result.StartedAt,
        result.FinishedAt,
        result.Disputes,
        result.Changed,
        Failed = result.Count(CaseState.Failed),
        result.Urgent,
        result.Telemetry,
        result.Flags,
        result.Warnings,
        result.Support,
    };

    /// <summary>The headline of a written summary; null when it is not one.</summary>
    public static LastSweep? Headline(string json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject summary
                || summary["started_at"] is not JsonValue started || summary["finished_at"] is not JsonValue finished)
            {
                return null;
            }

            return new LastSweep(
                Enum.Parse<SweepScope>(summary["scope"]?.GetValue<string>() ?? "all", ignoreCase: true),
                started.GetValue<DateTimeOffset>(),
                finished.GetValue<DateTimeOffset>(),
                summary["disputes"]?.GetValue<int>() ?? 0,
                summary["failed"]?.GetValue<int>() ?? 0,
                summary["urgent"]?.GetValue<int>() ?? 0);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}

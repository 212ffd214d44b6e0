using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Json;

namespace DisputeKit.SampleData.Generation;

/// <summary>Streams generated records to JSON Lines files, one writer per entity file, and keeps counts.</summary>
internal sealed class SampleWriter : IDisposable
{
    private readonly string _folder;
    private readonly Dictionary<string, StreamWriter> _writers = new(StringComparer.Ordinal);

    public SampleWriter(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public SortedDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    public void Line<T>(string file, T record)
    {
        if (!_writers.TryGetValue(file, out var writer))
        {
            writer = new StreamWriter(Path.Combine(_folder, file), false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            _writers[file] = writer;
        }

        writer.WriteLine(JsonSerializer.Serialize(record, DisputeKitJson.Options));
        Counts[file] = Counts.GetValueOrDefault(file) + 1;
    }

    public void Json(string relativePath, JsonNode node)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n", new UTF8Encoding(false));
    }

    public void Dispose()
    {
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }
    }
}

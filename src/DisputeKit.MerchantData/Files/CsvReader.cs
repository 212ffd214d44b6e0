using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace DisputeKit.MerchantData.Files;

/// <summary>
/// Reads the CSV form of an entity file (<c>orders.csv</c> beside or instead of <c>orders.jsonl</c>):
/// RFC 4180 with a header row naming the columns as the PostgreSQL tables do (<c>service_kind</c>,
/// <c>payment_stripe_charge_id</c>); empty cells are absent; <c>order_ids</c> is a <c>|</c>-separated
/// list and a subscription's <c>renewals</c> a JSON array. Each row becomes the JSON object of the
/// format and goes through the same checks as a JSON line, so problems are reported the same way,
/// with the CSV column named.
/// </summary>
public static class CsvReader
{
    /// <summary>Column prefixes that are nested objects in the JSON form.</summary>
    private static readonly Dictionary<string, string[]> Nested = new(StringComparer.Ordinal)
    {
        ["orders"] = ["service", "payment"],
        ["subscriptions"] = ["service"],
    };

    private static readonly HashSet<string> Numbers = new(StringComparer.Ordinal)
    {
        "quantity", "amount", "start_count", "delivered", "observed_count", "service_start_within_hours", "service_refill_days",
    };

    public static async IAsyncEnumerable<(T Item, int Line)> ReadAsync<T>(
        string path, EntityFile entity, ICollection<LoadIssue> issues, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = entity with { Name = Path.GetFileName(path) };
        var stem = Path.GetFileNameWithoutExtension(path);
        var prefixes = Nested.GetValueOrDefault(stem, []);
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true,
            new FileStreamOptions { Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        var records = new CsvRecords(reader);
        if (await records.NextAsync(cancellationToken) is not { } header)
        {
            yield break;
        }

        while (await records.NextAsync(cancellationToken) is { } row)
        {
            var line = records.StartLine;
            if (row.Count == 1 && row[0].Length == 0)
            {
                continue;
            }

            if (row.Count != header.Count)
            {
                issues.Add(new LoadIssue(file.Name, line, null, $"has {row.Count} cells; the header has {header.Count}"));
                continue;
            }

            var before = issues.Count;
            var item = JsonLinesReader.Parse<T>(ToJson(header, row, prefixes), file, line, issues);
            for (var i = before; i < issues.Count; i++)
            {
                // Name the CSV column, not the JSON path: service.kind is the column service_kind.
                if (issues is IList<LoadIssue> list && list[i].Field is { } field && prefixes.Any(p => field.StartsWith(p + ".", StringComparison.Ordinal)))
                {
                    list[i] = list[i] with { Field = string.Concat(field.AsSpan(0, field.IndexOf('.', StringComparison.Ordinal)), "_", field.AsSpan(field.IndexOf('.', StringComparison.Ordinal) + 1)) };
                }
            }

            if (item is not null)
            {
                yield return (item, line);
            }
        }
    }

    private static string ToJson(List<string> header, List<string> row, string[] prefixes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var prefix in prefixes)
            {
                if (Enumerable.Range(0, header.Count).Any(i => header[i].StartsWith(prefix + "_", StringComparison.Ordinal) && row[i].Length > 0))
                {
                    json.WriteStartObject(prefix);
                    for (var i = 0; i < header.Count; i++)
                    {
                        if (header[i].StartsWith(prefix + "_", StringComparison.Ordinal) && row[i].Length > 0)
                        {
                            Write(json, header[i][(prefix.Length + 1)..], header[i], row[i]);
                        }
                    }

                    json.WriteEndObject();
                }
            }

            for (var i = 0; i < header.Count; i++)
            {
                if (row[i].Length > 0 && !prefixes.Any(p => header[i].StartsWith(p + "_", StringComparison.Ordinal)))
                {
                    Write(json, header[i], header[i], row[i]);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, string name, string column, string value)
    {
        if (Numbers.Contains(column) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            json.WritePropertyName(name);
            json.WriteRawValue(value.Trim());
        }
        else if (column == "order_ids")
        {
            json.WriteStartArray(name);
            foreach (var id in value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
        }
        else if (column == "renewals" && IsJsonArray(value))
        {
            json.WritePropertyName(name);
            json.WriteRawValue(value);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static bool IsJsonArray(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks.</summary>
    private sealed class CsvRecords(StreamReader reader)
    {
        private int _line;

        /// <summary>The line the last record began on (the header is line 1).</summary>
        public int StartLine { get; private set; }

        public async Task<List<string>?> NextAsync(CancellationToken cancellationToken)
        {
            if (await reader.ReadLineAsync(cancellationToken) is not { } text)
            {
                return null;
            }

            StartLine = ++_line;
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            var i = 0;
            while (true)
            {
                if (i >= text.Length)
                {
                    if (quoted && await reader.ReadLineAsync(cancellationToken) is { } more)
                    {
                        _line++;
                        cell.Append('\n');
                        text = more;
                        i = 0;
                        continue;
                    }

                    cells.Add(cell.ToString());
                    return cells;
                }

                var c = text[i++];
                if (quoted)
                {
                    if (c == '"' && i < text.Length && text[i] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                }
                else if (c == '"' && cell.Length == 0)
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                }
                else
                {
                    cell.Append(c);
                }
            }
        }
    }
}

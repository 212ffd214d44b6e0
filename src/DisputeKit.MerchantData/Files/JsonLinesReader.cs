using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using DisputeKit.Core.Json;

namespace DisputeKit.MerchantData.Files;

/// <summary>
/// Streams a JSON Lines file one line at a time. A malformed line or a missing required field
/// is reported with file, line and field; the rest of the file still loads.
/// </summary>
/// <remarks>Lines end with LF or CRLF; a UTF-8 byte-order mark at the start is skipped.</remarks>
public static partial class JsonLinesReader
{
    /// <summary>
    /// Each entity that loaded, with its line number and where its line is in the file, so that
    /// it can be read again alone (<see cref="ReadAt{T}"/>) instead of being kept in memory.
    /// </summary>
    public static async IAsyncEnumerable<(T Item, int Line, RecordLine At)> ReadAsync<T>(
        string path, EntityFile entity, ICollection<LoadIssue> issues, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, new FileStreamOptions { Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0, Options = FileOptions.SequentialScan });
        var buffer = new byte[1 << 16];
        var (start, end, lineNumber, atEnd) = (0, 0, 0, false);
        long bufferAt = 0; // the file offset of buffer[0]
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline < 0 && !atEnd)
            {
                // Keep the partial line, make room (a line longer than the buffer doubles it), read on.
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    bufferAt += start;
                    (start, end) = (0, end - start);
                }

                if (end == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                atEnd = read == 0;
                end += read;
                continue;
            }

            var length = newline < 0 ? end - start : newline;
            if (length == 0 && newline < 0)
            {
                yield break;
            }

            lineNumber++;
            var (offset, content) = (start, length);
            if (lineNumber == 1 && buffer.AsSpan(offset, content).StartsWith("\uFEFF"u8))
            {
                (offset, content) = (offset + 3, content - 3);
            }

            if (content > 0 && buffer[offset + content - 1] == (byte)'\r')
            {
                content--;
            }

            var line = System.Text.Encoding.UTF8.GetString(buffer, offset, content);
            var at = new RecordLine(path, bufferAt + offset, content);
            start += newline < 0 ? length : length + 1;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var item = Parse<T>(line, entity, lineNumber, issues);
            if (item is not null)
            {
                yield return (item, lineNumber, at);
            }
        }
    }

    /// <summary>
    /// The entity on the line at <paramref name="at"/> of the open file, read again. A line that no
    /// longer reads as one (the file was rewritten in place since it was loaded) is refused, naming
    /// the file and offset, rather than read as something else.
    /// </summary>
    public static T ReadAt<T>(Microsoft.Win32.SafeHandles.SafeFileHandle file, RecordLine at, EntityFile entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var bytes = new byte[at.Length];
        var read = RandomAccess.Read(file, bytes, at.Offset);
        var issues = new List<LoadIssue>();
        return (read == at.Length ? Parse<T>(System.Text.Encoding.UTF8.GetString(bytes), entity, 0, issues) : default)
            ?? throw new MerchantDataUnavailableException(
                $"{at.Path}: the record at byte {at.Offset} no longer reads as one of {entity.Name} ({(issues.Count > 0 ? issues[0].Problem : "the file is shorter")}); "
                + "the file was changed in place after DisputeKit loaded it. Export by writing a new file and renaming it over the old one; run again to read it afresh.");
    }

    public static T? Parse<T>(string line, EntityFile entity, int lineNumber, ICollection<LoadIssue> issues)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            issues.Add(new LoadIssue(entity.Name, lineNumber, null, $"not valid JSON ({FirstSentence(e.Message)})"));
            return default;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                issues.Add(new LoadIssue(entity.Name, lineNumber, null, "expected a JSON object"));
                return default;
            }

            var missing = entity.Required.Where(field => !Has(document.RootElement, field)).ToList();
            if (missing.Count > 0)
            {
                foreach (var field in missing)
                {
                    issues.Add(new LoadIssue(entity.Name, lineNumber, field, "required field is missing or null"));
                }

                return default;
            }

            try
            {
                return document.RootElement.Deserialize<T>(DisputeKitJson.Options);
            }
            catch (JsonException e)
            {
                var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;

                // A required field of a nested object (a subscription's renewal) is named in full, as the top-level ones are.
                if (MissingRequired().Match(e.Message) is { Success: true } missingField)
                {
                    var name = missingField.Groups["field"].Value;
                    issues.Add(new LoadIssue(entity.Name, lineNumber, field is null ? name : $"{field}.{name}", "required field is missing or null"));
                    return default;
                }

                issues.Add(new LoadIssue(entity.Name, lineNumber, field, $"wrong type or format ({FirstSentence(e.Message)})"));
                return default;
            }
        }
    }

    private static bool Has(JsonElement root, string dotted)
    {
        var element = root;
        foreach (var part in dotted.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return false;
            }
        }

        return element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            && !(element.ValueKind == JsonValueKind.String && element.GetString()!.Length == 0);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }

    [GeneratedRegex("missing required properties including: '(?<field>[^']+)'")]
    private static partial Regex MissingRequired();
}

/// <summary>Where one record's line is: the file, its byte offset and its length (without the line break).</summary>
public readonly record struct RecordLine(string Path, long Offset, int Length);

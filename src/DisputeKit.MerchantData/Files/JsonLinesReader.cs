using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using DisputeKit.Core.Json;

namespace DisputeKit.MerchantData.Files;

/// <summary>
/// Streams a JSON Lines file one line at a time. A malformed line or a missing required field
/// is reported with file, line and field; the rest of the file still loads.
/// </summary>
public static partial class JsonLinesReader
{
    /// <summary>Each entity that loaded, with its line number.</summary>
    public static async IAsyncEnumerable<(T Item, int Line)> ReadAsync<T>(
        string path, EntityFile entity, ICollection<LoadIssue> issues, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: true,
            new FileStreamOptions { Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var item = Parse<T>(line, entity, lineNumber, issues);
            if (item is not null)
            {
                yield return (item, lineNumber);
            }
        }
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

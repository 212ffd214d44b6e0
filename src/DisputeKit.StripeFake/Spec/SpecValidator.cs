using System.Globalization;
using System.Text.Json.Nodes;

namespace DisputeKit.StripeFake.Spec;

/// <summary>
/// Checks requests against Stripe's OpenAPI slice (embedded: the 2026-07-29.dahlia slice with the 2026-10-28.endive dispute fields added): every
/// query and form key must name a parameter of the operation, every value must fit its schema
/// (type, maxLength, enum), and required parameters must be there. Answers like Stripe: the
/// offending key as <c>param</c> and a message.
/// </summary>
internal sealed class SpecValidator
{
    private readonly JsonObject _spec;

    private SpecValidator(JsonObject spec) => _spec = spec;

    public static SpecValidator Load()
    {
        using var stream = typeof(SpecValidator).Assembly.GetManifestResourceStream("stripe-disputes-subset.json")
            ?? throw new InvalidOperationException("The embedded Stripe spec is missing.");
        return new SpecValidator(JsonNode.Parse(stream)!.AsObject());
    }

    public string ApiVersion => _spec["info"]!["version"]!.GetValue<string>();

    /// <summary>Null when the request fits the operation; else the offending parameter and a message.</summary>
    public (string Param, string Message)? Validate(
        string method, string template, IEnumerable<KeyValuePair<string, string>> query, IReadOnlyDictionary<string, string> form, bool hasFile)
    {
        var operation = _spec["paths"]?[template]?[method.ToLowerInvariant()] as JsonObject
            ?? throw new InvalidOperationException($"{method} {template} is not in the spec slice.");

        var parameters = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(p => p["in"]?.GetValue<string>() == "query")
            .ToDictionary(p => p["name"]!.GetValue<string>(), p => Resolve(p["schema"]!), StringComparer.Ordinal);
        foreach (var (key, value) in query)
        {
            var segments = Segments(key);
            if (!parameters.TryGetValue(segments[0], out var schema))
            {
                return (key, $"Received unknown parameter: {key}");
            }

            if (Check(schema, segments, 1, key, value) is { } problem)
            {
                return problem;
            }
        }

        if (method is "GET" or "DELETE")
        {
            return null;
        }

        var content = operation["requestBody"]?["content"] as JsonObject;
        var body = Resolve((content?["multipart/form-data"] ?? content?["application/x-www-form-urlencoded"])?["schema"] ?? new JsonObject());
        var keys = form.Keys.ToList();
        if (hasFile)
        {
            keys.Add("file");
        }

        foreach (var key in form.Keys)
        {
            if (Check(body, Segments(key), 0, key, form[key]) is { } problem)
            {
                return problem;
            }
        }

        return MissingRequired(body, [], keys.Select(Segments).ToList());
    }

    private (string, string)? Check(JsonNode schemaNode, string[] segments, int at, string key, string value)
    {
        var schema = Resolve(schemaNode);
        if (schema["anyOf"] is JsonArray anyOf)
        {
            (string, string)? first = null;
            foreach (var option in anyOf.OfType<JsonNode>())
            {
                var problem = Check(option, segments, at, key, value);
                if (problem is null)
                {
                    return null;
                }

                // Prefer the explanation of the branch that could hold what was sent.
                var optionType = Resolve(option)["type"]?.GetValue<string>();
                if (first is null || (at < segments.Length && optionType is "object" or "array"))
                {
                    first = problem;
                }
            }

            return first;
        }

        var type = schema["type"]?.GetValue<string>();
        if (at < segments.Length)
        {
            var segment = segments[at];
            switch (type)
            {
                case "object":
                    if (schema["properties"]?[segment] is { } property)
                    {
                        return Check(property, segments, at + 1, key, value);
                    }

                    return schema["additionalProperties"] is JsonObject open
                        ? Check(open, segments, at + 1, key, value)
                        : (key, $"Received unknown parameter: {key}");
                case "array":
                    return segment.Length == 0 || segment.All(char.IsAsciiDigit)
                        ? Check(schema["items"] ?? new JsonObject(), segments, at + 1, key, value)
                        : (key, $"Invalid array index in {key}");
                default:
                    return (key, $"Received unknown parameter: {key}");
            }
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => v?.GetValue<string>() == value))
        {
            return (key, $"Invalid {key}: must be one of {string.Join(", ", values.Select(v => v?.GetValue<string>() is { Length: > 0 } s ? s : "\"\""))}");
        }

        return type switch
        {
            "string" when schema["maxLength"]?.GetValue<int>() is { } max && value.Length > max =>
                (key, string.Create(CultureInfo.InvariantCulture, $"Invalid string: {key} must be at most {max} characters, got {value.Length}")),
            "boolean" when value is not ("true" or "false") => (key, $"Invalid boolean: {value}"),
            "integer" when !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => (key, $"Invalid integer: {value}"),
            "object" => (key, $"Invalid object: {key} needs sub-keys such as {key}[name]"),
            "array" when value.Length > 0 => (key, $"Invalid array: {key} needs indexed keys such as {key}[0]"),
            _ => null,
        };
    }

    private (string, string)? MissingRequired(JsonObject schema, string[] prefix, List<string[]> keys)
    {
        if (schema["anyOf"] is JsonArray anyOf)
        {
            var objectBranch = anyOf.OfType<JsonNode>().Select(Resolve).FirstOrDefault(s => s["type"]?.GetValue<string>() is "object" or "array");
            return objectBranch is null ? null : MissingRequired(objectBranch, prefix, keys);
        }

        var under = keys.Where(k => k.Length > prefix.Length && k.Take(prefix.Length).SequenceEqual(prefix)).ToList();
        if (prefix.Length > 0 && under.Count == 0)
        {
            return null;
        }

        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
        {
            if (!under.Any(k => k[prefix.Length] == required))
            {
                var name = prefix.Length == 0 ? required : $"{prefix[0]}{string.Concat(prefix.Skip(1).Append(required).Select(s => $"[{s}]"))}";
                return (name, $"Missing required param: {name}.");
            }
        }

        if (schema["type"]?.GetValue<string>() == "array" && schema["items"] is { } items)
        {
            foreach (var index in under.Select(k => k[prefix.Length]).Distinct())
            {
                if (MissingRequired(Resolve(items), [.. prefix, index], keys) is { } problem)
                {
                    return problem;
                }
            }
        }

        foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
        {
            if (property is not null && MissingRequired(Resolve(property), [.. prefix, name], keys) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private JsonObject Resolve(JsonNode node)
    {
        var schema = node.AsObject();
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference["#/components/schemas/".Length..];
            schema = _spec["components"]!["schemas"]![name]!.AsObject();
        }

        return schema;
    }

    /// <summary><c>a[b][0][]</c> → <c>a, b, 0, ""</c>.</summary>
    internal static string[] Segments(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return [key];
        }

        var parts = new List<string> { key[..open] };
        var rest = key[open..];
        while (rest.Length > 0 && rest[0] == '[')
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                parts.Add(rest[1..]);
                break;
            }

            parts.Add(rest[1..close]);
            rest = rest[(close + 1)..];
        }

        return [.. parts];
    }
}

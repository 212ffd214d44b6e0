using System.Text.Json;
using System.Text.Json.Nodes;
using DisputeKit.Core.Json;

namespace DisputeKit.Rendering.Templates;

/// <summary>
/// A model as plain dictionaries, lists, strings and booleans with snake_case keys: what the
/// Handlebars templates (packs, review pages) read.
/// </summary>
public static class TemplateData
{
    public static Dictionary<string, object?> From(object model) =>
        (Dictionary<string, object?>)ToPlain(JsonSerializer.SerializeToNode(model, model.GetType(), DisputeKitJson.Options))!;

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v => v.ToJsonString(),
        _ => null,
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace KrmOtel.Yaml;

/// <summary>A JSON number kept as its exact text (big integers, floats as written).</summary>
public static class RawNumber
{
    public static JsonNode Create(string jsonNumberText)
    {
        using var doc = JsonDocument.Parse(jsonNumberText);
        return JsonValue.Create(doc.RootElement.Clone())!;
    }
}

using System.Text.Json.Nodes;

namespace KrmOtel.Collector;

/// <summary>
/// The v1beta1 Config as the operator's Go structs see it (apis/v1beta1/config.go): fixed key order at the top, in
/// <c>service</c> and in each pipeline, every other map sorted by key, empty optional sections dropped. Both the hash
/// and the ConfigMap text are written from this shape.
/// </summary>
public static class ConfigShape
{
    public static JsonObject Of(JsonObject config)
    {
        var shaped = new JsonObject
        {
            ["receivers"] = Sorted(config["receivers"]),
            ["exporters"] = Sorted(config["exporters"]),
        };
        foreach (var optional in (string[])["processors", "connectors", "extensions"])
        {
            if (config[optional] is JsonObject section)
                shaped[optional] = Sorted(section);
        }
        shaped["service"] = Service(config["service"] as JsonObject);
        return shaped;
    }

    private static JsonObject Service(JsonObject? service)
    {
        var shaped = new JsonObject();
        if (service?["extensions"] is JsonArray { Count: > 0 } extensions)
            shaped["extensions"] = extensions.DeepClone();
        if (service?["telemetry"] is JsonObject telemetry)
            shaped["telemetry"] = Sorted(telemetry);
        if (service?["pipelines"] is JsonObject pipelines)
        {
            var sorted = new JsonObject();
            foreach (var (name, pipeline) in pipelines.OrderBy(p => p.Key, StringComparer.Ordinal))
                sorted[name] = pipeline is JsonObject p ? Pipeline(p) : null;
            shaped["pipelines"] = sorted;
        }
        else
            shaped["pipelines"] = null;
        return shaped;
    }

    private static JsonObject Pipeline(JsonObject pipeline)
    {
        var shaped = new JsonObject { ["exporters"] = pipeline["exporters"]?.DeepClone() };
        if (pipeline["processors"] is JsonArray { Count: > 0 } processors)
            shaped["processors"] = processors.DeepClone();
        shaped["receivers"] = pipeline["receivers"]?.DeepClone();
        return shaped;
    }

    /// <summary>A deep copy with every map's keys in byte order (Go's map encoding).</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}

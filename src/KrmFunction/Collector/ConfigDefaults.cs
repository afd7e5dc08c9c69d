using System.Text.Json.Nodes;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>
/// The mutating webhook's config rewriting (op:internal/otelconfig/config.go ApplyDefaults, spec §7): endpoints of
/// enabled components with a default port get a host, health_check a path, the telemetry a pull reader on 8888.
/// </summary>
public static class ConfigDefaults
{
    public const string DefaultHost = "0.0.0.0";

    public static void Apply(JsonObject config, Action<string, string> error)
    {
        var enabled = Enabled.Of(config);
        foreach (var id in enabled.Receivers)
            DefaultComponent(config, "receivers", id, Components.Receiver(id), error);
        foreach (var id in enabled.Exporters)
            DefaultComponent(config, "exporters", id, Components.Exporter(id), error);
        if (config["extensions"] is JsonObject extensions)
        {
            foreach (var id in enabled.Extensions)
                DefaultExtension(extensions, id);
        }
        DefaultTelemetry(config);
    }

    private static void DefaultComponent(JsonObject config, string kind, string id, Component component, Action<string, string> error)
    {
        if (!Components.HasDefaulter(component))
            return;
        var section = config[kind] as JsonObject;
        if (section is null)
        {
            if (config[kind] is not null)
                return;
            section = [];
            config[kind] = section;
        }
        if (component.Rule == PortRule.Single)
        {
            var cfg = Settings(section, id);
            cfg["endpoint"] = Endpoint(cfg["endpoint"], component.Ports[0].Port);
            return;
        }
        if (Settings(section, id)["protocols"] is not JsonObject protocols)
            return;
        foreach (var key in protocols.Select(p => p.Key).ToList())
        {
            var port = component.Ports.FirstOrDefault(p => p.Key == key);
            if (port is null)
            {
                error($"spec.config.{kind}.{id}.protocols.{key}", $"unknown protocol set: {key}");
                continue;
            }
            var cfg = Settings(protocols, key);
            cfg["endpoint"] = Endpoint(cfg["endpoint"], port.Port);
        }
    }

    // the component's map, created when null or absent (the operator decodes null into an empty struct)
    private static JsonObject Settings(JsonObject section, string id)
    {
        if (section[id] is JsonObject o)
            return o;
        var created = new JsonObject();
        section[id] = created;
        return created;
    }

    /// <summary>AddressDefaulter: empty ⇒ 0.0.0.0:port; no host (":4317", "4317") ⇒ 0.0.0.0:last part; any other host kept.</summary>
    public static JsonNode? Endpoint(JsonNode? endpoint, int port)
    {
        var value = endpoint.AsString();
        if (endpoint is not null && value is null)
            return endpoint.DeepClone();
        if (string.IsNullOrEmpty(value))
            return $"{DefaultHost}:{port}";
        var parts = value.Split(':');
        return parts.Length < 2 || parts[0].Length == 0 ? $"{DefaultHost}:{parts[^1]}" : value;
    }

    private static void DefaultExtension(JsonObject extensions, string id)
    {
        switch (Components.TypeOf(id))
        {
            case "health_check":
                var cfg = Settings(extensions, id);
                var endpoint = cfg["endpoint"].AsString();
                if (string.IsNullOrEmpty(endpoint))
                    cfg["endpoint"] = $"{DefaultHost}:13133";
                else if (endpoint.StartsWith(':') && !endpoint[1..].Contains(':'))
                    cfg["endpoint"] = DefaultHost + endpoint;
                if (string.IsNullOrEmpty(cfg["path"].AsString()))
                    cfg["path"] = "/";
                break;
            case "jaeger_query":
                var jq = Settings(extensions, id);
                var http = Settings(jq, "http");
                http["endpoint"] = Endpoint(http["endpoint"], 16686);
                if (jq["grpc"] is JsonObject grpc && grpc["endpoint"].AsString() is { Length: > 0 } g && (g.StartsWith(':') || !g.Contains(':')))
                    grpc["endpoint"] = Endpoint(grpc["endpoint"], 0);
                break;
        }
    }

    private static void DefaultTelemetry(JsonObject config)
    {
        var service = config["service"] as JsonObject;
        if (service is null)
        {
            service = [];
            config["service"] = service;
        }
        var telemetry = service["telemetry"] as JsonObject;
        if (telemetry is null)
        {
            telemetry = [];
            service["telemetry"] = telemetry;
        }
        var metrics = telemetry["metrics"] as JsonObject;
        if (metrics is null)
        {
            metrics = [];
            telemetry["metrics"] = metrics;
        }
        if (!string.IsNullOrEmpty(metrics["address"].AsString()) || metrics["readers"] is JsonArray { Count: > 0 })
            return;
        metrics["readers"] = new JsonArray(new JsonObject
        {
            ["pull"] = new JsonObject
            {
                ["exporter"] = new JsonObject
                {
                    ["prometheus"] = new JsonObject { ["host"] = DefaultHost, ["port"] = 8888 },
                },
            },
        });
    }
}

/// <summary>The components a config turns on: receivers, processors and exporters named in a pipeline; extensions in service.extensions.</summary>
public sealed record Enabled(IReadOnlyList<string> Receivers, IReadOnlyList<string> Processors, IReadOnlyList<string> Exporters, IReadOnlyList<string> Extensions)
{
    public static Enabled Of(JsonObject config)
    {
        var pipelines = config.At("service", "pipelines") as JsonObject;
        return new Enabled(Named(pipelines, "receivers"), Named(pipelines, "processors"), Named(pipelines, "exporters"),
            Strings(config.At("service", "extensions")).Distinct(StringComparer.Ordinal).ToList());
    }

    private static List<string> Named(JsonObject? pipelines, string kind) =>
        (pipelines ?? []).SelectMany(p => Strings(p.Value.At(kind))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Strings(JsonNode? list) =>
        list is JsonArray a ? a.Select(i => i.AsString()).OfType<string>() : [];
}

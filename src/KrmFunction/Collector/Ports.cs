using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>A port inferred from the config (spec §8).</summary>
public sealed record InferredPort(string Name, int Port, string? Protocol, string? AppProtocol, bool TargetPort);

/// <summary>Port inference from enabled components (op:internal/components, naming.PortName).</summary>
public static partial class Ports
{
    /// <summary>Receiver and exporter ports, sorted by name: the Service's share.</summary>
    public static List<InferredPort> ServicePorts(JsonObject config, Action<string, string> error)
    {
        var enabled = Enabled.Of(config);
        var ports = new List<InferredPort>();
        var taken = new Dictionary<(int, string), string>();
        foreach (var id in enabled.Receivers)
        {
            foreach (var p in ReceiverPorts(id, config.At("receivers", id), error))
            {
                // the collector cannot bind one port twice, and the API server refuses a Service listing it twice
                var key = (p.Port, p.Protocol ?? "TCP");
                if (!taken.TryAdd(key, $"{id} ({p.Name})"))
                    error($"spec.config.receivers.{id}", $"port {p.Port}/{key.Item2} of receiver {id} ({p.Name}) is already taken by receiver {taken[key]}: give one of them another endpoint");
                ports.Add(p);
            }
        }
        ports.AddRange(ExporterPorts(config, error));
        return [.. ports.OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    /// <summary>Exporter ports alone (the prometheus exporter's): what a base ServiceMonitor scrapes.</summary>
    public static IEnumerable<InferredPort> ExporterPorts(JsonObject config, Action<string, string> error)
    {
        foreach (var id in Enabled.Of(config).Exporters)
        {
            var c = Components.Exporter(id);
            if (c.Ports.Count > 0)
            {
                foreach (var p in SinglePort(id, c, config.At("exporters", id), error))
                    yield return p;
            }
        }
    }

    /// <summary>Extension ports, sorted by name: health_check (13133) and jaeger_query (16686, grpc as id-2).</summary>
    public static List<InferredPort> ExtensionPorts(JsonObject config)
    {
        var ports = new List<InferredPort>();
        foreach (var id in Enabled.Of(config).Extensions)
        {
            var cfg = config.At("extensions", id);
            switch (Components.TypeOf(id))
            {
                case "health_check":
                    var hc = PortOf(cfg) ?? 13133;
                    ports.Add(new InferredPort(Naming.PortName(id, hc), hc, null, null, false));
                    break;
                case "jaeger_query":
                    var http = PortOf(cfg.At("http")) ?? 16686;
                    ports.Add(new InferredPort(Naming.PortName(id, http), http, null, null, true));
                    if (PortOf(cfg.At("grpc")) is { } grpc && grpc != http)
                        ports.Add(new InferredPort(Naming.PortName(id + "-2", grpc), grpc, null, null, true));
                    break;
            }
        }
        return [.. ports.OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    private static IEnumerable<InferredPort> ReceiverPorts(string id, JsonNode? cfg, Action<string, string> error)
    {
        var c = Components.Receiver(id);
        if (Components.TypeOf(id) == "prometheus")
        {
            var api = cfg.At("api_server");
            if (api.At("enabled")?.GetValueKind() == System.Text.Json.JsonValueKind.True && PortOf(api.At("server_config")) is { } p)
                yield return new InferredPort(Naming.PortName(id, p), p, null, null, false);
            yield break;
        }
        switch (c.Rule)
        {
            case PortRule.Single:
                foreach (var p in SinglePort(id, c, cfg, error))
                    yield return p;
                break;
            case PortRule.EndpointOnly:
                if (PortOf(cfg) is { } port)
                    yield return new InferredPort(Naming.PortName(id, port), port, null, null, false);
                break;
            case PortRule.MultiProtocol:
                if (cfg.At("protocols") is JsonObject protocols)
                {
                    foreach (var (key, settings) in protocols)
                    {
                        if (c.Ports.FirstOrDefault(d => d.Key == key) is { } d)
                        {
                            var number = PortOf(settings) ?? d.Port;
                            yield return new InferredPort(Naming.PortName($"{id}-{key}", number), number, d.Protocol, d.AppProtocol, d.TargetPort);
                        }
                    }
                }
                break;
        }
    }

    private static IEnumerable<InferredPort> SinglePort(string id, Component c, JsonNode? cfg, Action<string, string> error)
    {
        var d = c.Ports[0];
        var port = PortOf(cfg) ?? d.Port;
        if (port == 0)
        {
            if (c.PortRequired)
                error($"spec.config.receivers.{id}", "the OpenTelemetry config is incorrect. The port numbers are invalid: port should not be empty");
            yield break;
        }
        yield return new InferredPort(Naming.PortName(id, port), port, d.Protocol, d.AppProtocol, d.TargetPort);
    }

    /// <summary>The first ":digits" of endpoint (when set), else of listen_address; 0 or none ⇒ null (the component default).</summary>
    public static int? PortOf(JsonNode? cfg)
    {
        var endpoint = cfg.At("endpoint").AsString();
        var text = string.IsNullOrEmpty(endpoint) ? cfg.At("listen_address").AsString() : endpoint;
        if (string.IsNullOrEmpty(text) || PortPattern().Match(text) is not { Success: true } m)
            return null;
        return long.TryParse(m.Value[1..], out var n) && n is > 0 and <= int.MaxValue ? (int)n : null;
    }

    /// <summary>The metrics port: the first prometheus pull reader's port, else the port in metrics.address, else 8888.</summary>
    public static int MetricsPort(JsonObject config)
    {
        var metrics = config.At("service", "telemetry", "metrics");
        if (metrics.At("readers") is JsonArray readers)
        {
            foreach (var r in readers)
            {
                if (r.At("pull", "exporter", "prometheus") is JsonObject prom)
                    return IntOf(prom["port"]) ?? 8888;
            }
        }
        return metrics.At("address").AsString() is { } address && PortPattern().Match(address) is { Success: true } m && int.TryParse(m.Value[1..], out var p) ? p : 8888;
    }

    /// <summary>A number node as an int (YAML numbers arrive as long or as raw JSON numbers).</summary>
    public static int? IntOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && ConfigHash.AsDouble(v) is var d && d is >= int.MinValue and <= int.MaxValue
            ? (int)d
            : null;

    [GeneratedRegex(@":\d+")]
    private static partial Regex PortPattern();
}

using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Yaml;

namespace KrmOtel.Collector;

/// <summary>An OpenTelemetryCollector read as v1beta1 (a v1alpha1 one converted first, op:internal/webhook/collector_conversion.go).</summary>
public sealed partial record CollectorCr(string Name, string Namespace, string Mode, JsonObject Spec, JsonObject Config, JsonObject Metadata)
{
    public static readonly string[] Modes = ["deployment", "daemonset", "statefulset", "sidecar"];

    /// <summary>The mode the CR asks for (webhook default: deployment).</summary>
    public static string ModeOf(Resource cr) => cr.Node.At("spec", "mode").AsString() ?? "deployment";

    public static CollectorCr? Read(Resource cr, List<Finding> findings)
    {
        if (ShapeProblem(cr) is { } problem)
        {
            findings.Add(Finding.Error(problem.Message, cr, problem.Field));
            return null;
        }
        var spec = cr.Node["spec"]?.DeepClone() as JsonObject ?? [];
        var config = cr.ApiVersion == "opentelemetry.io/v1alpha1" ? FromAlpha(cr, spec, findings) : spec["config"] as JsonObject;
        if (config is null)
        {
            findings.Add(Finding.Error("the collector has no config object", cr, "spec.config"));
            return null;
        }
        config = (JsonObject)config.DeepClone();
        var meta = cr.Node["metadata"] as JsonObject ?? [];
        return new CollectorCr(cr.Name, cr.Namespace ?? "default", ModeOf(cr), spec, config, meta);
    }

    // The API server checks these before the operator sees the CR; from Git they can be anything. The name becomes
    // object names and the file kpt writes them to (otel/NAME-collector.yaml): a DNS-1123 subdomain, never a path.
    private static (string Message, string Field)? ShapeProblem(Resource cr)
    {
        if (!DnsSubdomain().IsMatch(cr.Name) || cr.Name.Length > 253)
            return ($"\"{cr.Name}\" is not a valid object name (lower-case letters, digits, '-' and '.', at most 253)", "metadata.name");
        var spec = cr.Node["spec"] as JsonObject;
        if (spec?["mode"] is { } mode && !(mode.AsString() is { } m && Modes.Contains(m)))
            return ($"must be one of {string.Join(", ", Modes)}, not {KrmOtel.Config.SchemaChecker.Show(mode)}", "spec.mode");
        if (spec?["replicas"] is { } replicas && Ports.IntOf(replicas) is null)
            return ($"must be an integer, not {KrmOtel.Config.SchemaChecker.Show(replicas)}", "spec.replicas");
        if (spec?["args"] is { } args && !(args is JsonObject o && o.All(a => a.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)))
            return ("must be a map of strings (flag: value)", "spec.args");
        if (spec?["ports"] is not { } ports)
            return null;
        if (ports is not JsonArray list)
            return ($"must be a list of ports, not {KrmOtel.Config.SchemaChecker.Show(ports)}", "spec.ports");
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject port)
                return ($"must be a port object, not {KrmOtel.Config.SchemaChecker.Show(list[i])}", $"spec.ports[{i}]");
            if (Ports.IntOf(port["port"]) is not (>= 1 and <= 65535))
                return ($"must be a port number from 1 to 65535, not {KrmOtel.Config.SchemaChecker.Show(port["port"])}", $"spec.ports[{i}].port");
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial System.Text.RegularExpressions.Regex DnsSubdomain();

    // v1alpha1: the config is a YAML string; a few fields are renamed on the way to v1beta1
    private static JsonObject FromAlpha(Resource cr, JsonObject spec, List<Finding> findings)
    {
        Rename(spec, "updateStrategy", "daemonSetUpdateStrategy");
        if (spec.Remove("serviceName"))
            findings.Add(Finding.Warning("not carried over to v1beta1 by the operator's conversion: ignored (the StatefulSet uses the headless Service)", cr, "spec.serviceName"));
        if (spec["maxReplicas"] is { } max)
        {
            var autoscaler = spec["autoscaler"] as JsonObject ?? [];
            if (autoscaler["maxReplicas"] is null)
                autoscaler["maxReplicas"] = max.DeepClone();
            if (spec["minReplicas"] is { } min && autoscaler["minReplicas"] is null)
                autoscaler["minReplicas"] = min.DeepClone();
            spec["autoscaler"] = autoscaler;
        }
        spec.Remove("maxReplicas");
        spec.Remove("minReplicas");
        if (spec.At("observability", "metrics") is JsonObject metrics)
            Rename(metrics, "DisablePrometheusAnnotations", "disablePrometheusAnnotations");
        JsonObject? config = null;
        if (spec["config"].AsString() is { } text)
        {
            try
            {
                var docs = YamlReader.ReadStream(text);
                config = docs.Count == 1 ? docs[0].Root as JsonObject : null;
                // the operator's conversion would go on with an empty config, silently
                if (config is null)
                    findings.Add(Finding.Error($"the collector config is not one YAML mapping (receivers, exporters, service, ...) but {(docs.Count == 1 ? KrmOtel.Config.SchemaChecker.Show(docs[0].Root) : docs.Count + " documents")}", cr, "spec.config"));
            }
            catch (YamlInputException e)
            {
                findings.Add(Finding.Error($"the collector config does not parse as YAML (line {e.Line}): {e.Message}", cr, "spec.config"));
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                findings.Add(Finding.Error($"the collector config does not parse as YAML: {e.Message}", cr, "spec.config"));
            }
        }
        else
            findings.Add(Finding.Error($"must be the collector config as a YAML string in {cr.ApiVersion}, not {KrmOtel.Config.SchemaChecker.Show(spec["config"])}", cr, "spec.config"));
        config ??= [];
        foreach (var section in (string[])["receivers", "exporters"])
            config[section] ??= new JsonObject();
        var service = config["service"] as JsonObject ?? [];
        service["pipelines"] ??= new JsonObject();
        config["service"] = service;
        spec["config"] = config;
        return config;
    }

    private static void Rename(JsonObject o, string from, string to)
    {
        if (o[from] is { } v)
        {
            o.Remove(from);
            o[to] ??= v;
        }
    }
}

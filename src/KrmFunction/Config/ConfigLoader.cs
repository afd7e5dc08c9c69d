using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Yaml;

namespace KrmOtel.Config;

/// <summary>The outcome of loading a function config: the config, its findings, and an item it contributes.</summary>
public sealed record LoadedConfig(KrmOtelConfig Config, IReadOnlyList<Finding> Findings, Resource? GeneratorItem);

/// <summary>
/// Loads the function config as kyaml's framework does: schema check → deserialize → default → validate.
/// Accepts nothing, a <c>KrmOtel</c> object, a ConfigMap with the same keys as strings, or an operator resource
/// (generator style: it joins the items).
/// </summary>
public static class ConfigLoader
{
    private static readonly string[] TopLevel = ["apiVersion", "kind", "metadata", "spec"];

    public static LoadedConfig Load(JsonObject? node, FileRef? file = null)
    {
        if (node is null)
            return new LoadedConfig(KrmOtelConfig.Default, [], null);
        var config = new Resource(node, null, file);
        if (config.Is("opentelemetry.io", "Instrumentation") || config.Is("opentelemetry.io", "OpenTelemetryCollector"))
            return new LoadedConfig(KrmOtelConfig.Default, [], config);
        if (config.Kind == "ConfigMap" && config.ApiVersion == "v1")
            return FromSpec(FromConfigMap(node, out var cmErrors), cmErrors, config, "data");
        if (config.Kind == ConfigSchema.Kind && config.Group == ConfigSchema.Group)
        {
            var errors = new List<string>();
            if (config.ApiVersion != ConfigSchema.ApiVersion)
                errors.Add($"apiVersion: \"{config.ApiVersion}\" is not served; use {ConfigSchema.ApiVersion}");
            foreach (var key in node.Select(p => p.Key).Where(k => !TopLevel.Contains(k)))
                errors.Add($"{key}: unknown field (known: {string.Join(", ", TopLevel)})");
            if (node["metadata"] is not (null or JsonObject) || (node.ContainsKey("metadata") && node["metadata"] is null))
                errors.Add("metadata: must be an object");
            return FromSpec(node.ContainsKey("spec") ? node["spec"] : new JsonObject(), errors, config, "spec");
        }
        var unknown = Finding.Error(
            $"function config: kind {config.ApiVersion}/{config.Kind} is not accepted; use {ConfigSchema.ApiVersion} {ConfigSchema.Kind}, a v1 ConfigMap, an Instrumentation or an OpenTelemetryCollector",
            config, "kind");
        return new LoadedConfig(KrmOtelConfig.Default, [unknown], null);
    }

    private static LoadedConfig FromSpec(JsonNode? spec, List<string> errors, Resource config, string prefix)
    {
        SchemaChecker.Check(spec, ConfigSchema.Spec, prefix, errors);
        if (errors.Count == 0)
            Validate(spec!.AsObject(), prefix, errors);
        if (errors.Count > 0)
            return new LoadedConfig(KrmOtelConfig.Default, SchemaChecker.AsFindings(errors, config), null);
        return new LoadedConfig(Deserialize(spec!.AsObject()), [], null);
    }

    // ConfigMap values are strings: booleans as "true"/"false", the inject rules as a YAML list.
    private static JsonObject FromConfigMap(JsonObject node, out List<string> errors)
    {
        errors = [];
        var spec = new JsonObject();
        if (node["data"] is not JsonObject data)
        {
            if (node.ContainsKey("data"))
                errors.Add("data: must be a map of strings, not " + SchemaChecker.Show(node["data"]));
            return spec;
        }
        foreach (var (key, value) in data)
        {
            var field = Array.Find(ConfigSchema.Spec.Fields!, f => f.Name == key);
            var text = value.AsString();
            if (field is null || text is null)
            {
                spec[key] = value?.DeepClone(); // the schema check names it
                continue;
            }
            spec[key] = field.Type switch
            {
                FieldType.Bool when text is "true" or "false" => JsonValue.Create(text == "true"),
                FieldType.ObjectList => ParseYaml(text, $"data.{key}", errors),
                _ => JsonValue.Create(text),
            };
        }
        return spec;
    }

    private static JsonNode? ParseYaml(string text, string path, List<string> errors)
    {
        try
        {
            var docs = YamlReader.ReadStream(text);
            return docs.Count == 0 ? new JsonArray() : docs[0].Root;
        }
        catch (YamlInputException e)
        {
            errors.Add($"{path}: not YAML: {e.Message} (line {e.Line})");
            return new JsonArray();
        }
    }

    private static void Validate(JsonObject spec, string prefix, List<string> errors)
    {
        if (spec["inject"] is not JsonArray rules)
            return;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i]!.AsObject();
            if (rule.ContainsKey("goTargetExe") && Str(rule["language"]) != "go")
                errors.Add($"{prefix}.inject[{i}].goTargetExe: only applies to language go");
        }
    }

    private static KrmOtelConfig Deserialize(JsonObject spec)
    {
        var d = KrmOtelConfig.Default;
        return new KrmOtelConfig(
            KeepCustomResources: Bool(spec["keepCustomResources"]) ?? d.KeepCustomResources,
            FailOn: Str(spec["failOn"]) == "warning" ? Severity.Warning : Severity.Error,
            ImageRegistry: Str(spec["imageRegistry"]) ?? d.ImageRegistry,
            PodSecurity: Str(spec["podSecurity"]) switch
            {
                "baseline" => PodSecurityLevel.Baseline,
                "restricted" => PodSecurityLevel.Restricted,
                _ => PodSecurityLevel.Privileged,
            },
            EnableGoInstrumentation: Bool(spec["enableGoInstrumentation"]) ?? d.EnableGoInstrumentation,
            Inject: spec["inject"] is JsonArray rules ? rules.Select((r, i) => Rule(i, r!.AsObject())).ToList() : d.Inject);
    }

    private static InjectRule Rule(int index, JsonObject r)
    {
        var sel = r["selector"] as JsonObject;
        var labels = sel?["labelSelector"] as JsonObject;
        return new InjectRule(
            index,
            Str(r["language"])!,
            Str(r["instrumentation"]),
            Strings(r["containerNames"]),
            Str(r["goTargetExe"]),
            new RuleSelector(
                Strings(sel?["kinds"]),
                Strings(sel?["namespaces"]),
                Strings(sel?["names"]),
                labels is null ? null : new LabelSelector(
                    (labels["matchLabels"] as JsonObject)?.ToDictionary(p => p.Key, p => Str(p.Value)!) ?? [],
                    (labels["matchExpressions"] as JsonArray)?.Select(e => new MatchExpression(Str(e!["key"])!, Str(e["operator"])!, Strings(e["values"]))).ToList() ?? [])));
    }

    private static string? Str(JsonNode? n) => n.AsString();

    private static bool? Bool(JsonNode? n) => n is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static List<string> Strings(JsonNode? n) => n is JsonArray a ? a.Select(x => Str(x)!).ToList() : [];
}

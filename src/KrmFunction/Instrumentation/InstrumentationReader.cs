using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>
/// Reads an <c>Instrumentation</c> resource, applies the operator's defaulter and validator
/// (internal/webhook/instrumentation_webhook.go) and reports every bad field as a finding.
/// </summary>
public static partial class InstrumentationReader
{
    private static readonly string[] Samplers = ["always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio", "jaeger_remote", "xray"];

    [GeneratedRegex("^[A-Za-z0-9._/-]*$")]
    private static partial Regex ConfigPathSyntax();

    public static InstrumentationSpec? Read(Resource cr, List<Finding> findings)
    {
        var errors = new List<(string Field, string Message)>();
        var r = new NodeReader(errors);
        var spec = r.Obj(cr.Node, "spec", "") ?? new JsonObject();
        var exporter = r.Obj(spec, "exporter", "spec");
        var tls = r.Obj(exporter, "tls", "spec.exporter");
        var sampler = r.Obj(spec, "sampler", "spec");
        var resource = r.Obj(spec, "resource", "spec");
        var defaults = r.Obj(spec, "defaults", "spec");
        var languages = new Dictionary<string, LanguageSpec>();
        foreach (var lang in Language.All.Where(l => l.CrKey.Length > 0))
            languages[lang.Name] = LanguageSection(r, r.Obj(spec, lang.CrKey, "spec"), lang);
        var result = new InstrumentationSpec(
            cr.Namespace ?? "",
            cr.Name,
            r.Str(exporter, "endpoint", "spec.exporter"),
            tls is null ? null : new TlsSpec(
                r.Str(tls, "secretName", "spec.exporter.tls"),
                r.Str(tls, "configMapName", "spec.exporter.tls"),
                r.Str(tls, "ca_file", "spec.exporter.tls"),
                r.Str(tls, "cert_file", "spec.exporter.tls"),
                r.Str(tls, "key_file", "spec.exporter.tls")),
            r.Strings(spec, "propagators", "spec"),
            r.Str(sampler, "type", "spec.sampler"),
            r.Str(sampler, "argument", "spec.sampler"),
            r.StringMap(resource, "resourceAttributes", "spec.resource"),
            r.Bool(resource, "addK8sUIDAttributes", "spec.resource"),
            r.Bool(defaults, "useLabelsForResourceAttributes", "spec.defaults"),
            r.EnvList(spec, "env", "spec"),
            spec["imagePullPolicy"] is null ? null : r.Str(spec, "imagePullPolicy", "spec"),
            r.Obj(spec, "initContainerSecurityContext", "spec"),
            languages);
        ValidateSampler(result, errors);
        foreach (var (field, message) in errors)
            findings.Add(Finding.Error(message, cr, field));
        return errors.Count == 0 ? result : null;
    }

    private static LanguageSpec LanguageSection(NodeReader r, JsonObject? section, Language lang)
    {
        var path = "spec." + lang.CrKey;
        var resources = r.Obj(section, lang.ResourcesKey, path)?.DeepClone().AsObject() ?? [];
        // the defaulter fills limits and requests independently, each only when absent
        resources["limits"] ??= new JsonObject { ["cpu"] = lang.LimitCpu, ["memory"] = lang.LimitMemory };
        resources["requests"] ??= new JsonObject { ["cpu"] = lang.RequestCpu, ["memory"] = lang.RequestMemory };
        var image = r.Str(section, "image", path);
        var claim = r.Obj(section, "volumeClaimTemplate", path);
        var size = section?["volumeLimitSize"];
        if (size is not null and not JsonValue)
            r.Fail(path + ".volumeLimitSize", $"must be a quantity such as 200Mi, not {Config.SchemaChecker.Show(size)}");
        if (claim is { Count: > 0 } && size is not null)
            r.Fail(path + ".volumeClaimTemplate", "and volumeLimitSize cannot both be set");
        var extensions = new List<JavaExtension>();
        foreach (var (ext, i) in r.Objects(section, "extensions", path).Select((e, i) => (e, i)))
            extensions.Add(new JavaExtension(r.Str(ext, "image", $"{path}.extensions[{i}]"), r.Str(ext, "dir", $"{path}.extensions[{i}]")));
        return new LanguageSpec(
            image.Length == 0 ? lang.DefaultImage : image,
            r.EnvList(section, "env", path),
            resources,
            r.Obj(section, "securityContext", path),
            size?.DeepClone(),
            claim is { Count: > 0 } ? claim : null,
            extensions,
            lang.ConfigKey.Length == 0 ? null : WebServer(r, section, lang, path));
    }

    // the defaulter fills version (Apache) and the config path or file; the CRD's pattern guards the path
    private static WebServerSpec WebServer(NodeReader r, JsonObject? section, Language lang, string path)
    {
        var attrs = r.EnvList(section, "attrs", path)
            .Select((a, i) => KeyValuePair.Create(EnvList.Name(a), r.Str(a, "value", $"{path}.attrs[{i}]")))
            .ToList();
        var config = r.Str(section, lang.ConfigKey, path);
        if (!ConfigPathSyntax().IsMatch(config) || config.Length > 256)
            r.Fail($"{path}.{lang.ConfigKey}", $"\"{config}\" must match {ConfigPathSyntax()} and be at most 256 characters (the CRD's validation)");
        var version = lang == Language.ApacheHttpd ? r.Str(section, "version", path) : "";
        return new WebServerSpec(
            attrs,
            version.Length == 0 && lang == Language.ApacheHttpd ? "2.4" : version,
            config.Length == 0 ? lang.ConfigDefault : config);
    }

    private static void ValidateSampler(InstrumentationSpec spec, List<(string Field, string Message)> errors)
    {
        if (spec.SamplerType.Length == 0)
            return;
        if (!Samplers.Contains(spec.SamplerType))
        {
            errors.Add(("spec.sampler.type", $"\"{spec.SamplerType}\" is not one of {string.Join(", ", Samplers)}"));
            return;
        }
        if (spec.SamplerType is "traceidratio" or "parentbased_traceidratio" && spec.SamplerArgument.Length > 0 && !IsRatio(spec.SamplerArgument))
            errors.Add(("spec.sampler.argument", $"\"{spec.SamplerArgument}\" must be a number between 0 and 1"));
        if (spec.SamplerType == "jaeger_remote")
            ValidateJaegerRemote(spec.SamplerArgument, errors);
    }

    private static void ValidateJaegerRemote(string argument, List<(string Field, string Message)> errors)
    {
        foreach (var pair in argument.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var ok = kv.Length == 2 && kv[0].Trim() switch
            {
                "endpoint" => kv[1].Trim().Length > 0,
                "pollingIntervalMs" => int.TryParse(kv[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                "initialSamplingRate" => IsRatio(kv[1].Trim()),
                _ => false,
            };
            if (!ok)
                errors.Add(("spec.sampler.argument", $"\"{pair}\" is not endpoint=<url>, pollingIntervalMs=<int> or initialSamplingRate=<0..1>"));
        }
    }

    private static bool IsRatio(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 1;
}

using System.Text.Json.Nodes;

namespace KrmOtel.Instrumentation;

public sealed record TlsSpec(string SecretName, string ConfigMapName, string Ca, string Cert, string Key);

public sealed record JavaExtension(string Image, string Dir);

/// <summary>The Apache/Nginx module settings (§5.6, §5.7): <c>attrs</c> in order, <c>version</c> (Apache), the config path or file, defaulted.</summary>
public sealed record WebServerSpec(IReadOnlyList<KeyValuePair<string, string>> Attrs, string Version, string Config);

/// <summary>A language section of the CR after defaulting (§3.2). Env entries, resources and volumes are kept as written.</summary>
public sealed record LanguageSpec(
    string Image,
    IReadOnlyList<JsonObject> Env,
    JsonObject Resources,
    JsonObject? SecurityContext,
    JsonNode? VolumeSizeLimit,
    JsonObject? VolumeClaimTemplate,
    IReadOnlyList<JavaExtension> Extensions,
    WebServerSpec? Server = null);

/// <summary>The parts of an <c>Instrumentation</c> (opentelemetry.io/v1alpha1) that drive injection, defaulted.</summary>
public sealed record InstrumentationSpec(
    string Namespace,
    string Name,
    string Endpoint,
    TlsSpec? Tls,
    IReadOnlyList<string> Propagators,
    string SamplerType,
    string SamplerArgument,
    IReadOnlyList<KeyValuePair<string, string>> ResourceAttributes,
    bool AddK8sUidAttributes,
    bool UseLabelsForResourceAttributes,
    IReadOnlyList<JsonObject> Env,
    string? ImagePullPolicy,
    JsonObject? InitContainerSecurityContext,
    IReadOnlyDictionary<string, LanguageSpec> Languages)
{
    public string Id => Namespace.Length == 0 ? Name : Namespace + "/" + Name;

    public LanguageSpec For(Language language) => Languages[language.Name];
}

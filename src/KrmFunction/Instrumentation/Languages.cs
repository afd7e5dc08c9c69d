using System.Collections.Immutable;

namespace KrmOtel.Instrumentation;

/// <summary>
/// One row per language the operator injects (spec/instrumentation.md §2.1, §3.2): annotation names, the CR section,
/// the defaulter's image and resources, and for the web servers the config key and its default. Adding a language is a row here and an injector.
/// </summary>
public sealed record Language(
    string Name,
    string CrKey,
    string ContainerNamesAnnotation,
    string DefaultImage,
    string ResourcesKey,
    string LimitCpu,
    string LimitMemory,
    string RequestCpu,
    string RequestMemory,
    string ConfigKey = "",
    string ConfigDefault = "")
{
    public const string OperatorVersion = "v0.158.0";
    private const string Registry = "ghcr.io/open-telemetry/opentelemetry-operator/";

    public static readonly Language Java = new("java", "java", "java-container-names", Registry + "autoinstrumentation-java:2.30.0", "resources", "500m", "256Mi", "50m", "64Mi");
    public static readonly Language NodeJs = new("nodejs", "nodejs", "nodejs-container-names", Registry + "autoinstrumentation-nodejs:0.78.0", "resourceRequirements", "500m", "256Mi", "50m", "128Mi");
    public static readonly Language Python = new("python", "python", "python-container-names", Registry + "autoinstrumentation-python:0.64b0", "resourceRequirements", "500m", "256Mi", "50m", "64Mi");
    public static readonly Language DotNet = new("dotnet", "dotnet", "dotnet-container-names", Registry + "autoinstrumentation-dotnet:1.16.0", "resourceRequirements", "500m", "256Mi", "50m", "128Mi");
    public static readonly Language Go = new("go", "go", "go-container-names", "ghcr.io/open-telemetry/opentelemetry-go-instrumentation/autoinstrumentation-go:v0.24.0", "resourceRequirements", "500m", "256Mi", "50m", "64Mi");
    public static readonly Language ApacheHttpd = new("apache-httpd", "apacheHttpd", "apache-httpd-container-names", Registry + "autoinstrumentation-apache-httpd:1.0.4", "resourceRequirements", "500m", "256Mi", "1m", "128Mi", "configPath", "/usr/local/apache2/conf");
    public static readonly Language Nginx = new("nginx", "nginx", "inject-nginx-container-names", Registry + "autoinstrumentation-apache-httpd:1.0.4", "resourceRequirements", "500m", "256Mi", "1m", "128Mi", "configFile", "/etc/nginx/nginx.conf");
    public static readonly Language Sdk = new("sdk", "", "sdk-container-names", "", "", "", "", "", "");

    /// <summary>In the operator's order of selection and injection (podmutator.go, sdk.go).</summary>
    /// <remarks>An immutable array: walked for every pod, and its enumerator is a struct (a list's would be boxed).</remarks>
    public static readonly ImmutableArray<Language> All = [Java, NodeJs, Python, DotNet, Go, ApacheHttpd, Nginx, Sdk];

    public string InjectAnnotation { get; } = PodAnnotations.Prefix + "inject-" + Name;

    public string ContainerNamesKey { get; } = PodAnnotations.Prefix + ContainerNamesAnnotation;

    public static Language? Find(string name)
    {
        foreach (var l in All)
        {
            if (l.Name == name)
                return l;
        }
        return null;
    }
}

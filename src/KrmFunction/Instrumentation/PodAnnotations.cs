namespace KrmOtel.Instrumentation;

/// <summary>Annotation names and the operator's rule for combining a pod's value with its namespace's (§2.2).</summary>
public static class PodAnnotations
{
    public const string Prefix = "instrumentation.opentelemetry.io/";
    public const string ContainerNames = Prefix + "container-names";
    public const string GoTargetExe = Prefix + "otel-go-auto-target-exe";
    public const string ResourcePrefix = "resource.opentelemetry.io/";
    public const string SidecarPrefix = "sidecar.opentelemetry.io/";

    /// <summary>
    /// The first operator annotation (instrumentation or sidecar) whose value is not a string, with the problem: the API
    /// server refuses such an object, and reading past it would skip the injection asked for without a word (null is
    /// the empty string to the API server, and allowed). Only where an annotation asks for an injection: otherwise no
    /// injection is skipped, and the object passes through as it came.
    /// </summary>
    public static (string Key, string Message)? NotAString(System.Text.Json.Nodes.JsonNode? annotations)
    {
        if (annotations is not System.Text.Json.Nodes.JsonObject map || !map.Any(p => AsksForInjection(p.Key)))
            return null;
        foreach (var (key, value) in map)
        {
            if ((key.StartsWith(Prefix, StringComparison.Ordinal) || key.StartsWith(SidecarPrefix, StringComparison.Ordinal))
                && value is not null && !(value is System.Text.Json.Nodes.JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String))
                return (key, $"annotation values are strings: quote it (\"true\"), not {Config.SchemaChecker.Show(value)}");
        }
        return null;
    }

    private static bool AsksForInjection(string key) =>
        key == SidecarPrefix + "inject"
        || (key.StartsWith(Prefix + "inject-", StringComparison.Ordinal) && !key.EndsWith("-container-names", StringComparison.Ordinal));

    /// <summary><c>annotationValue</c> of internal/instrumentation/annotation.go.</summary>
    public static string Effective(IReadOnlyDictionary<string, string> ns, IReadOnlyDictionary<string, string> pod, string key)
    {
        var nsValue = ns.GetValueOrDefault(key, "");
        var podValue = pod.GetValueOrDefault(key, "");
        if (nsValue.Length == 0)
            return podValue;
        if (podValue.Length == 0)
            return nsValue;
        if (!podValue.Equals("true", StringComparison.OrdinalIgnoreCase))
            return podValue;
        if (nsValue.Equals("false", StringComparison.OrdinalIgnoreCase))
            return podValue;
        return nsValue;
    }
}

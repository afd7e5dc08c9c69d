namespace KrmOtel.Instrumentation;

/// <summary>Annotation names and the operator's rule for combining a pod's value with its namespace's (§2.2).</summary>
public static class PodAnnotations
{
    public const string Prefix = "instrumentation.opentelemetry.io/";
    public const string ContainerNames = Prefix + "container-names";
    public const string GoTargetExe = Prefix + "otel-go-auto-target-exe";
    public const string ResourcePrefix = "resource.opentelemetry.io/";

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

namespace KrmOtel.Config;

public enum FieldType
{
    Bool,
    String,
    Enum,
    StringList,
    StringMap,
    Object,
    ObjectList,
}

/// <summary>One field of the function config. The table below is the schema; functions.yaml states the same.</summary>
public sealed record FieldSpec(string Name, FieldType Type, bool Required = false, string[]? Values = null, string? Pattern = null, FieldSpec[]? Fields = null);

public static class ConfigSchema
{
    public const string Group = "fn.krm-otel.dev";
    public const string ApiVersion = Group + "/v1alpha1";
    public const string Kind = "KrmOtel";

    public static readonly string[] Languages = ["java", "nodejs", "python", "dotnet", "go", "apache-httpd", "nginx", "sdk"];

    private static readonly FieldSpec LabelSelector = new("labelSelector", FieldType.Object, Fields:
    [
        new("matchLabels", FieldType.StringMap),
        new("matchExpressions", FieldType.ObjectList, Fields:
        [
            new("key", FieldType.String, Required: true),
            new("operator", FieldType.Enum, Required: true, Values: ["In", "NotIn", "Exists", "DoesNotExist"]),
            new("values", FieldType.StringList),
        ]),
    ]);

    public static readonly FieldSpec Inject = new("inject", FieldType.ObjectList, Fields:
    [
        new("language", FieldType.Enum, Required: true, Values: Languages),
        new("instrumentation", FieldType.String, Pattern: "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(/[a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$"),
        new("containerNames", FieldType.StringList),
        new("goTargetExe", FieldType.String, Pattern: "^/"),
        new("selector", FieldType.Object, Fields:
        [
            new("kinds", FieldType.StringList),
            new("namespaces", FieldType.StringList),
            new("names", FieldType.StringList),
            LabelSelector,
        ]),
    ]);

    public static readonly FieldSpec Spec = new("spec", FieldType.Object, Fields:
    [
        new("keepCustomResources", FieldType.Bool),
        new("failOn", FieldType.Enum, Values: ["error", "warning"]),
        new("imageRegistry", FieldType.String, Pattern: "^$|^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?(/[A-Za-z0-9._-]+)*$"),
        new("podSecurity", FieldType.Enum, Values: ["privileged", "baseline", "restricted"]),
        new("enableGoInstrumentation", FieldType.Bool),
        Inject,
    ]);
}

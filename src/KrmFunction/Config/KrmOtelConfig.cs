using KrmOtel.Model;

namespace KrmOtel.Config;

public enum PodSecurityLevel
{
    Privileged,
    Baseline,
    Restricted,
}

public sealed record MatchExpression(string Key, string Operator, IReadOnlyList<string> Values);

public sealed record LabelSelector(IReadOnlyDictionary<string, string> MatchLabels, IReadOnlyList<MatchExpression> MatchExpressions);

public sealed record RuleSelector(IReadOnlyList<string> Kinds, IReadOnlyList<string> Namespaces, IReadOnlyList<string> Names, LabelSelector? Labels);

/// <summary>An injection rule: the annotations a workload would carry, given by the config instead.</summary>
public sealed record InjectRule(int Index, string Language, string? Instrumentation, IReadOnlyList<string> ContainerNames, string? GoTargetExe, RuleSelector Selector)
{
    public string FieldPath { get; } = $"spec.inject[{Index}]";

    /// <summary>How a finding about a pod this rule instruments begins.</summary>
    public string Via { get; } = $"inject rule spec.inject[{Index}] of the function config: ";
}

/// <summary>The function config after schema check, deserialisation and defaulting (product.md §3).</summary>
public sealed record KrmOtelConfig(
    bool KeepCustomResources,
    Severity FailOn,
    string ImageRegistry,
    PodSecurityLevel PodSecurity,
    bool EnableGoInstrumentation,
    IReadOnlyList<InjectRule> Inject)
{
    public static KrmOtelConfig Default { get; } = new(false, Severity.Error, "", PodSecurityLevel.Privileged, false, []);
}

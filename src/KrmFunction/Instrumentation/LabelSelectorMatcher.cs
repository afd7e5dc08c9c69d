using KrmOtel.Config;

namespace KrmOtel.Instrumentation;

/// <summary>Kubernetes label selector semantics: every matchLabels pair and every expression must hold.</summary>
public static class LabelSelectorMatcher
{
    public static bool Matches(LabelSelector selector, IReadOnlyDictionary<string, string> labels) =>
        selector.MatchLabels.All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value)
        && selector.MatchExpressions.All(e => e.Operator switch
        {
            "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
            "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => false,
        });
}

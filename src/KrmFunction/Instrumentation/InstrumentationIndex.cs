using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>The Instrumentations of the render, looked up as getInstrumentationInstance does (§2.3).</summary>
public sealed class InstrumentationIndex(IEnumerable<InstrumentationSpec> all, IEnumerable<(string Namespace, string Name)>? invalid = null)
{
    private readonly List<InstrumentationSpec> all = all.ToList();
    private readonly HashSet<(string Namespace, string Name)> invalid = (invalid ?? []).ToHashSet();

    public int Count => all.Count;

    /// <summary>The Instrumentation an effective value selects, or an error message.</summary>
    public (InstrumentationSpec? Found, string? Error) Resolve(string value, string podNamespace)
    {
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var inNamespace = all.Where(i => i.Namespace == podNamespace).ToList();
            if (inNamespace.Count == 0 && invalid.Any(i => i.Namespace == podNamespace))
                return (null, $"the only Instrumentation in namespace \"{podNamespace}\" is invalid (see its own findings)");
            return inNamespace.Count switch
            {
                1 => (inNamespace[0], null),
                0 => (null, $"no Instrumentation in namespace \"{podNamespace}\" (\"true\" selects the only one there)"),
                _ => (null, $"{inNamespace.Count} Instrumentations in namespace \"{podNamespace}\" ({string.Join(", ", inNamespace.Select(i => i.Name))}); name one"),
            };
        }
        var slash = value.IndexOf('/');
        var (ns, name) = slash >= 0 ? (value[..slash], value[(slash + 1)..]) : (podNamespace, value);
        if (invalid.Contains((ns, name)))
            return (null, $"Instrumentation \"{name}\" in namespace \"{ns}\" is invalid (see its own findings)");
        var found = all.FirstOrDefault(i => i.Namespace == ns && i.Name == name);
        return found is not null
            ? (found, null)
            : (null, $"Instrumentation \"{name}\" not found in namespace \"{ns}\"{Known()}");
    }

    private string Known() => all.Count == 0 ? " (the render has no Instrumentation)" : $" (the render has {string.Join(", ", all.Select(i => i.Id))})";
}

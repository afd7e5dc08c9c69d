using KrmOtel.Config;
using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>
/// One selected language for one pod: the Instrumentation it resolved to, its target containers, and where the
/// request came from: the annotation's field path, or (for an inject rule) <see cref="Via"/> names the rule.
/// </summary>
public sealed record LanguageRequest(Language Language, InstrumentationSpec Instrumentation, IReadOnlyList<string> Containers, string? Field, string Via);

/// <summary>Adds one language's agent to a pod, as the operator's injector for that language does.</summary>
public interface IInjector
{
    Language Language { get; }

    void Inject(LanguageRequest request, PodContext pod, KrmOtelConfig config, List<Finding> findings);
}

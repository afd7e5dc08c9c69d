using KrmOtel.Config;
using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>One selected language for one pod: the Instrumentation it resolved to and its target containers.</summary>
public sealed record LanguageRequest(Language Language, InstrumentationSpec Instrumentation, IReadOnlyList<string> Containers, string Annotation);

/// <summary>Adds one language's agent to a pod, as the operator's injector for that language does.</summary>
public interface IInjector
{
    Language Language { get; }

    void Inject(LanguageRequest request, PodContext pod, KrmOtelConfig config, List<Finding> findings);
}

using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using KrmOtel.Model;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Properties;

/// <summary>A stream of documents with nothing to inject.</summary>
public sealed record IdentityCase(IReadOnlyList<YDoc> Docs, bool LeadingMarker)
{
    public string Text => YamlText.Stream(Docs, LeadingMarker);

    public override string ToString() => "\n" + Text;
}

/// <summary>
/// One annotated workload, the Instrumentation it names (A), a second version of that Instrumentation (B, for
/// updates in place), other documents of the package, and how the opt-out is done (remove the annotation, or "false").
/// </summary>
public sealed record WorkloadCase(string Kind, Injection Inject, YDoc Workload, YDoc A, YDoc B, IReadOnlyList<YDoc> Others, bool OptOutWithFalse)
{
    public string InjectKey => "instrumentation.opentelemetry.io/inject-" + Inject.Language;

    /// <summary>Every inject annotation the pod may carry (the second language's only with two containers).</summary>
    public IReadOnlyList<string> InjectKeys => Inject.Second is null ? [InjectKey] : [InjectKey, "instrumentation.opentelemetry.io/inject-" + Inject.Second];

    /// <summary>The package: the Instrumentation, the workload, the other documents.</summary>
    public string Input(YDoc instrumentation) => YamlText.Stream([instrumentation, Workload, .. Others]);

    public override string ToString() =>
        $"\nkind {Kind}, {InjectKey}: {Inject.Value}{(Inject.Second is null ? "" : $" (and {Inject.Second} when the pod has two containers)")}, opt out by {(OptOutWithFalse ? "\"false\"" : "removing the annotation")}\n"
        + $"--- package (Instrumentation A, workload, others):\n{Input(A)}--- Instrumentation B:\n{B.Text}";

    /// <summary>The pod metadata of a workload tree of this kind (the Pod's own metadata for a Pod).</summary>
    public JsonObject? PodMetadata(JsonNode? workload) => (Kind switch
    {
        "Pod" => workload.At("metadata"),
        "CronJob" => workload.At("spec", "jobTemplate", "spec", "template", "metadata"),
        _ => workload.At("spec", "template", "metadata"),
    }) as JsonObject;

    /// <summary>The workload with its inject annotations removed, or set to "false".</summary>
    public JsonObject OptedOut(JsonObject workload)
    {
        var copy = (JsonObject)workload.DeepClone();
        foreach (var key in InjectKeys)
        {
            if (PodMetadata(copy)?["annotations"] is JsonObject annotations && annotations.ContainsKey(key))
            {
                if (OptOutWithFalse)
                    annotations[key] = "false";
                else
                    annotations.Remove(key);
            }
        }
        return copy;
    }

    /// <summary>The workload document still asks for its language (shrinking keeps that).</summary>
    public bool AsksForInjection()
    {
        try
        {
            return PodMetadata(YamlReader.ReadStream(Workload.Text).FirstOrDefault()?.Root)?["annotations"] is JsonObject a && a.ContainsKey(InjectKey);
        }
        catch (YamlInputException)
        {
            return false;
        }
    }
}

/// <summary>The generators and shrinkers FsCheck uses for the case types.</summary>
public static class PropertyArbitraries
{
    public static Gen<IdentityCase> IdentityGen =>
        from n in Gen.Sized(s => Gen.Choose(1, Math.Clamp(s / 15, 1, 6)))
        from docs in Gen.ListOf(KrmGen.PassThrough, n)
        from marker in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new IdentityCase(docs.ToList(), marker);

    public static Gen<WorkloadCase> WorkloadGen =>
        from kind in Gen.Elements(KrmGen.Kinds)
        from inject in KrmGen.InjectionGen
        from workload in KrmGen.Workload(kind, inject, portable: true, decorate: false)
        from a in KrmGen.Instrumentation
        from b in KrmGen.Instrumentation
        from n in Gen.Frequency((6, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)))
        from others in Gen.ListOf(KrmGen.PassThrough, n)
        from withFalse in Gen.Elements(false, true)
        select new WorkloadCase(kind, inject, workload, a, b, others.ToList(), withFalse);

    public static Arbitrary<IdentityCase> Identity() => Arb.From(IdentityGen, ShrinkIdentity);

    public static Arbitrary<WorkloadCase> Workload() => Arb.From(WorkloadGen, ShrinkWorkload);

    public static IEnumerable<IdentityCase> ShrinkIdentity(IdentityCase c) =>
        IdentityCandidates(c).Where(x => x.Docs.All(YamlShrink.Valid));

    private static IEnumerable<IdentityCase> IdentityCandidates(IdentityCase c)
    {
        if (c.LeadingMarker)
            yield return c with { LeadingMarker = false };
        for (var i = 0; i < c.Docs.Count && c.Docs.Count > 1; i++)
            yield return c with { Docs = c.Docs.Where((_, j) => j != i).ToList() };
        for (var i = 0; i < c.Docs.Count; i++)
        {
            foreach (var doc in YamlShrink.Doc(c.Docs[i]))
                yield return c with { Docs = c.Docs.Select((d, j) => j == i ? doc : d).ToList() };
        }
    }

    /// <summary>
    /// Smaller cases that are still valid YAML, still ask for injection and render with A and with B to the same
    /// exit codes, so the shrunk case fails for the reason the original did.
    /// </summary>
    public static IEnumerable<WorkloadCase> ShrinkWorkload(WorkloadCase c)
    {
        var exitA = Harness.Run(c.Input(c.A)).Exit;
        var exitB = Harness.Run(c.Input(c.B)).Exit;
        return WorkloadCandidates(c).Where(x =>
            YamlShrink.Valid(x.Workload) && YamlShrink.Valid(x.A) && YamlShrink.Valid(x.B) && x.Others.All(YamlShrink.Valid)
            && x.AsksForInjection() && Harness.Run(x.Input(x.A)).Exit == exitA && Harness.Run(x.Input(x.B)).Exit == exitB);
    }

    private static IEnumerable<WorkloadCase> WorkloadCandidates(WorkloadCase c)
    {
        for (var i = 0; i < c.Others.Count; i++)
            yield return c with { Others = c.Others.Where((_, j) => j != i).ToList() };
        foreach (var doc in YamlShrink.Doc(c.Workload))
            yield return c with { Workload = doc };
        foreach (var doc in YamlShrink.Doc(c.A))
            yield return c with { A = doc };
        foreach (var doc in YamlShrink.Doc(c.B))
            yield return c with { B = doc };
        for (var i = 0; i < c.Others.Count; i++)
        {
            foreach (var doc in YamlShrink.Doc(c.Others[i]))
                yield return c with { Others = c.Others.Select((d, j) => j == i ? doc : d).ToList() };
        }
    }
}

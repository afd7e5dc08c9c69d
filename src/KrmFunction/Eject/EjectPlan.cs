using System.Text;
using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Patching;
using KrmOtel.Yaml;

namespace KrmOtel.Eject;

/// <summary>One file eject writes, relative to the output directory.</summary>
public sealed record EjectedFile(string Path, string Text);

/// <summary>The files to write, or the findings saying why kustomize could not reproduce the render.</summary>
public sealed record EjectResult(IReadOnlyList<EjectedFile> Files, IReadOnlyList<Finding> Findings)
{
    public bool Failed => Findings.Any(f => f.Severity == Severity.Error);
}

/// <summary>
/// The pure core of eject: (the inputs as they were, the render's output) → a kustomization whose resources are the
/// inputs and whose JSON6902 patches are the recorded operations, so <c>kubectl kustomize</c> gives the render.
/// </summary>
public static class EjectPlan
{
    public const string Resources = "resources.yaml";
    public const string Generated = "generated.yaml";
    public const string Kustomization = "kustomization.yaml";

    /// <param name="originals">every input object, captured before the render</param>
    /// <param name="output">what render writes (local-config objects already left out); not modified</param>
    public static EjectResult Build(IReadOnlyList<OriginalObject> originals, IReadOnlyList<Resource> output)
    {
        var byItem = originals.ToDictionary(o => o.Item); // Resource has reference equality
        var findings = new List<Finding>();
        var kept = new StringBuilder();
        var generated = new StringBuilder();
        var patches = new JsonArray();
        foreach (var item in output)
        {
            Identity(item, output, findings);
            if (!byItem.TryGetValue(item, out var original))
            {
                Append(generated, Written(item));
                continue;
            }
            var start = ClusterCopy.Of(original.Node, TouchesAnnotations(item.Patch), out var stripped);
            Append(kept, stripped ? OriginalObject.Document(start, ScalarStyles.None, item) : original.Text);
            if (item.Patch.Count == 0 && !item.Changed)
                continue;
            if (Replay(start, item) is { } problem)
                findings.Add(Finding.Error($"eject cannot reproduce the render: {problem}", item));
            else if (item.Patch.Count > 0)
                patches.Add((JsonNode)new JsonObject { ["target"] = PatchTarget.Of(item, output), ["patch"] = PatchText(item.Patch) });
        }
        var files = new List<EjectedFile>();
        var resources = new JsonArray();
        if (kept.Length > 0)
        {
            files.Add(new EjectedFile(Resources, kept.ToString()));
            resources.Add((JsonNode)Resources);
        }
        if (generated.Length > 0)
        {
            files.Add(new EjectedFile(Generated, generated.ToString()));
            resources.Add((JsonNode)Generated);
        }
        files.Add(new EjectedFile(Kustomization, KustomizationText(resources, patches)));
        return new EjectResult(files, findings);
    }

    // A generated object as render writes it for a cluster.
    private static string Written(Resource item)
    {
        var copy = ClusterCopy.Of(item.Node, false, out var stripped);
        if (stripped)
            return OriginalObject.Document(copy, ScalarStyles.None, item);
        return item.Source is { } source ? source + "\n" : OriginalObject.Document(item.Node, item.Styles, item);
    }

    // The recorded operations, replayed on the input as written to resources.yaml, must give the render's object.
    private static string? Replay(JsonObject start, Resource item)
    {
        try
        {
            PatchApplier.Apply(start, item.Patch);
        }
        catch (PatchException e)
        {
            return "a recorded operation does not apply to the input: " + e.Message;
        }
        return JsonNode.DeepEquals(start, ClusterCopy.Of(item.Node, false, out _))
            ? null
            : "the object was changed beyond its recorded RFC 6902 operations";
    }

    // kustomize refuses objects it cannot tell apart, and objects without a name.
    private static void Identity(Resource item, IReadOnlyList<Resource> output, List<Finding> findings)
    {
        if (item.Name.Length == 0)
            findings.Add(Finding.Error("eject: kustomize cannot build an object without metadata.name (generateName is not supported)", item, "metadata.name"));
        else if (output.First(o => SameId(o, item)) is var first && !ReferenceEquals(first, item))
            findings.Add(Finding.Error("eject: kustomize cannot build two objects with the same apiVersion, kind, namespace and name", item));
    }

    private static bool SameId(Resource a, Resource b) =>
        a.ApiVersion == b.ApiVersion && a.Kind == b.Kind && a.Name == b.Name && (a.Namespace ?? "default") == (b.Namespace ?? "default");

    private static bool TouchesAnnotations(IReadOnlyList<PatchOp> patch) =>
        patch.Any(op => op.Path.StartsWith("/metadata/annotations/", StringComparison.Ordinal));

    private static string PatchText(IReadOnlyList<PatchOp> patch) =>
        YamlWriter.Write(new JsonArray([.. patch.Select(op => (JsonNode)op.ToJson())]));

    // Documents end with their newline (a kept block scalar's trailing newlines are part of its value).
    private static void Append(StringBuilder stream, string document)
    {
        if (stream.Length > 0)
            stream.Append("---\n");
        stream.Append(document);
    }

    private static string KustomizationText(JsonArray resources, JsonArray patches)
    {
        var k = new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
        };
        if (resources.Count > 0)
            k["resources"] = resources;
        if (patches.Count > 0)
            k["patches"] = patches;
        return "# Written by krm-otel eject: kubectl kustomize on this directory gives what krm-otel render gave.\n"
            + "# Each patch is the RFC 6902 operations the render applied to one object, in order.\n"
            + YamlWriter.Write(k);
    }
}

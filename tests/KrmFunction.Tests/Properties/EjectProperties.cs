using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck.Fluent;
using KrmOtel.Model;
using KrmOtel.Tests.Eject;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Properties;

/// <summary>
/// The promise of eject, property-based with the real tool: <c>kubectl kustomize</c> of what eject wrote gives the
/// objects render gives. 1,000 generated workloads (every kind and language) a run,
/// batched to keep kubectl's start-up out of the budget: 100 packages of 10 workloads, each package with its own
/// generated Instrumentation, all ejected into one kustomization whose resources are the 100 ejected directories,
/// built by one kubectl call. Names are made unique (kustomize refuses two objects with one id). The documents
/// generated beside a workload are left out: they hold what kustomize reads differently from kubectl (YAML 1.2
/// `0o17`, big integers as floats, `.inf`), which says nothing of eject.
/// </summary>
public partial class EjectProperties
{
    private const int Packages = 100;
    private const int PerPackage = 10;

    /// <summary>Set to a seed a failure printed to run that batch again.</summary>
    private static readonly ulong? Replay = null;

    // What kustomize (v5.5.0 in kubectl v1.32) cannot build, or builds into other values than kubectl's reader (and
    // krm-otel) read, ejected or not: it says nothing of eject, so it is left out.
    //   the free-form `x-` subtrees: YAML 1.1 scalars (`yes`, `off`) that its go-yaml v3 reader takes for strings;
    //   `!!bool yes`: refused under an explicit tag;
    //   a quoted key "<<" that is not a merge: written back unquoted, it is read as a merge key;
    //   an annotation key that looks like another type (`"true": x`): written back unquoted, read as a bool;
    //   a line-break escape (\N, \L, \P and their \u forms): written back raw, read as a line break;
    //   an integer beyond 64 bits: read as a float;
    //   a string that reads as a float beyond a double's range ("1e30777"): written back unquoted (its go-yaml v3
    //   takes it for a string, the number does not parse), read back as a number (seed 1207376820216696620);
    //   a folded block scalar with a more-indented line, a kept (`|+`) block: read with one more line break;
    //   a string with a line break and a tab (a block scalar with a tab inside a line, "\t\t\n"): any patch on that
    //   object fails in kustomize, which writes it back as a block it cannot read ("yaml: found a tab character
    //   where an indentation space is expected"; seed 4019682858417199602 found both), ejected or not;
    //   an object's own `metadata.annotations: {}` or `annotations: null`: dropped from every object it builds
    //   (seeds 1114367955187135880 and 4623730940909118278; a pod template's empty map is kept).
    private static readonly string[] Extras = ["x-extra", "x-notes", "x-config", "x-日本"];
    private static readonly string[] Unreadable = ["!!bool yes", "\"<<\"", "\\N", "\\L", "\\P", "\\u0085", "\\u2028", "\\u2029"];

    private static bool KustomizeReads(YDoc d) =>
        !Unreadable.Any(u => d.Text.Contains(u, StringComparison.Ordinal))
        && !BigInteger().IsMatch(d.Text)
        && !Nodes(d.Root).Any(n => n is YBlock b && (b.Header.EndsWith('+') || (b.Header[0] == '>' && b.Lines.Any(l => l.StartsWith(' ')))))
        && !Strings(Harness.Parse(d.Text)[0]).Any(t => (t.Contains('\n') && t.Contains('\t')) || BeyondDouble(t))
        && !(Harness.Parse(d.Text)[0]?["metadata"] is JsonObject meta && meta.TryGetPropertyValue("annotations", out var own) && own is null or JsonObject { Count: 0 })
        && (Harness.Parse(d.Text)[0].At("metadata", "annotations") as JsonObject ?? []).All(a => ScalarResolver.ResolvePlain(a.Key) is JsonValue v && v.GetValueKind() == JsonValueKind.String);

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };

    private static WorkloadCase WithoutExtras(WorkloadCase c) => c with { Workload = c.Workload with { Root = (YMap)Without(c.Workload.Root) } };

    private static YNode Without(YNode node) => node switch
    {
        YMap m => m with { Entries = m.Entries.Where(e => !Extras.Contains(e.Key)).Select(e => e with { Value = Without(e.Value) }).ToList() },
        YSeq q => q with { Items = q.Items.Select(Without).ToList() },
        _ => node,
    };

    [GeneratedRegex(@"(?<![\w.])-?\d{19,}(?![\w.])")]
    private static partial Regex BigInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatLike();

    private static bool BeyondDouble(string t) =>
        FloatLike().IsMatch(t) && double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsInfinity(v);

    private static IEnumerable<YNode> Nodes(YNode node) => node switch
    {
        YMap m => m.Entries.SelectMany(e => Nodes(e.Value)).Prepend(node),
        YSeq q => q.Items.SelectMany(Nodes).Prepend(node),
        _ => [node],
    };

    [Fact]
    public void Kustomize_of_ejected_packages_gives_the_render()
    {
        var seed = Replay ?? (ulong)System.Random.Shared.NextInt64();
        var cases = PropertyArbitraries.WorkloadGen.Sample(4 * Packages * PerPackage, new FsCheck.Rnd(seed), 60)
            .Select(WithoutExtras).Where(c => KustomizeReads(c.A) && KustomizeReads(c.Workload)).Take(Packages * PerPackage).ToList();
        Assert.Equal(Packages * PerPackage, cases.Count);
        using var temp = new TempDir();
        var rendered = new System.Text.StringBuilder();
        var resources = new List<string>();
        for (var p = 0; p < Packages; p++)
        {
            var batch = cases.Skip(p * PerPackage).Take(PerPackage).ToList();
            var docs = new List<YDoc> { batch[0].A };
            for (var i = 0; i < batch.Count; i++)
                docs.Add(YamlText.Renamed(batch[i].Workload, $"p{p}-w{i}"));
            var input = temp[$"in-{p:D3}.yaml"];
            File.WriteAllText(input, YamlText.Stream(docs));
            var render = Krm.Run("", "render", input, "--config", Harness.ConfigPath);
            var eject = Krm.Run("", "eject", input, "--config", Harness.ConfigPath, "--out", temp[$"ejected-{p:D3}"]);
            Assert.True(render.Exit == 0 && eject.Exit == 0, $"seed {seed}, package {p}: render exited {render.Exit}, eject {eject.Exit}\n{render.Stderr}{eject.Stderr}");
            rendered.Append(rendered.Length > 0 ? "---\n" : "").Append(render.Stdout);
            resources.Add($"ejected-{p:D3}");
        }
        File.WriteAllText(temp["kustomization.yaml"], "resources:\n" + string.Concat(resources.Select(r => $"- {r}\n")));
        var kustomize = KubectlKustomizeEjectTests.Kubectl("kustomize", temp.Path);
        Assert.True(kustomize.Exit == 0, $"seed {seed} (set EjectProperties.Replay to it to run this batch again): kubectl kustomize failed:\n{kustomize.Stderr}");
        KubectlKustomizeEjectTests.AssertSameObjects(rendered.ToString(), kustomize.Stdout, temp.Path, $"seed {seed} (set EjectProperties.Replay to it to run this batch again): ");
    }
}

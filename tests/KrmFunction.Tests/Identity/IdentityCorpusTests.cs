using System.Diagnostics;
using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Identity;

/// <summary>
/// A render with no operator resources and no rules gives back what it was given (issue 4, acceptance 4): 264
/// hand-written documents in testdata/identity covering every workload kind, CRDs, Helm output, edge scalars,
/// block strings, big integers, anchors, JSON documents and comments.
/// </summary>
public class IdentityCorpusTests
{
    private static readonly string Corpus = Krm.TestData("identity");

    public static TheoryData<string> Files => new(Directory.GetFiles(Corpus, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void The_corpus_is_large_enough()
    {
        var docs = Directory.GetFiles(Corpus, "*.yaml").Sum(f => YamlReader.ReadStream(File.ReadAllText(f)).Count);
        Assert.True(docs >= 200, $"{docs} documents");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Render_returns_every_object_unchanged(string file)
    {
        var input = File.ReadAllText(Path.Combine(Corpus, file));
        var first = Krm.Run("", "render", Path.Combine(Corpus, file));
        Assert.True(first.Exit == 0, first.Stderr);
        var expected = YamlReader.ReadStream(input).Select(d => d.Root).Where(r => !IsLocalConfig(r)).ToList();
        AssertSameObjects(expected, first.Documents);

        var second = Krm.Run(first.Stdout, "render", "-");
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void An_independent_parser_reads_the_same_objects(string file)
    {
        var output = Krm.Run("", "render", Path.Combine(Corpus, file)).Stdout;
        using var outFile = Krm.Files(("out.yaml", output));
        var psi = new ProcessStartInfo("python3", ["-c", PyCompare, Path.Combine(Corpus, file), outFile["out.yaml"]]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stdout + stderr);
    }

    [Fact]
    public void A_ResourceList_of_the_whole_corpus_comes_back_unchanged()
    {
        var rendered = Directory.GetFiles(Corpus, "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => YamlReader.ReadStream(File.ReadAllText(f)))
            .ToList();
        // as kpt sends it: each object a block mapping under items, re-indented, comments included
        var sb = new System.Text.StringBuilder("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n");
        foreach (var doc in rendered)
        {
            if (doc.Source is { } source)
                YamlWriter.AppendSequenceItemSource(sb, source, 2);
            else
                YamlWriter.AppendSequenceItem(sb, doc.Root, 2);
        }
        var first = Krm.Run(sb.ToString());
        Assert.True(first.Exit == 0, first.Stderr);
        var items = first.ResourceList["items"]!.AsArray().ToList();
        AssertSameObjects(rendered.Select(d => d.Root).ToList(), items);
        Assert.Null(first.ResourceList["results"]);

        var second = Krm.Run(first.Stdout);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void Rendering_the_directory_keeps_file_order_and_every_object()
    {
        var result = Krm.Run("", "render", Corpus);
        Assert.True(result.Exit == 0, result.Stderr);
        var expected = Directory.GetFiles(Corpus, "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => YamlReader.ReadStream(File.ReadAllText(f)).Select(d => d.Root))
            .Where(r => !IsLocalConfig(r)).ToList();
        AssertSameObjects(expected, result.Documents);
    }

    private static bool IsLocalConfig(JsonNode? n) =>
        n?["metadata"]?["annotations"]?["config.kubernetes.io/local-config"]?.GetValue<string>() == "true";

    private static void AssertSameObjects(List<JsonNode?> expected, List<JsonNode?> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(JsonNode.DeepEquals(expected[i], actual[i]), $"object {i} differs:\n{expected[i]?.ToJsonString()}\n{actual[i]?.ToJsonString()}");
    }

    private const string PyCompare = """
        import sys, yaml
        def local(d):
            return str(((d.get("metadata") or {}).get("annotations") or {}).get("config.kubernetes.io/local-config", "")).lower() == "true"
        a = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d is not None and not local(d)]
        b = [d for d in yaml.safe_load_all(open(sys.argv[2])) if d is not None]
        if len(a) != len(b):
            sys.exit(f"{len(a)} objects in, {len(b)} out")
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                sys.exit(f"object {i} differs: {x!r} != {y!r}")
        """;
}

using System.Text;
using KrmOtel.Cli;
using KrmOtel.Model;
using KrmOtel.Protocol;
using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Cli;

/// <summary>
/// The render command parses, renders and writes one document at a time (<see cref="StreamedRender"/>); the
/// whole-stream reader (<see cref="RenderSession"/>) is what it must always agree with, byte for byte, findings
/// included, and what renders instead where the text alone cannot be cut into documents.
/// </summary>
public class StreamedRenderTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: demo
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata:
              labels: {app: web}
              annotations:
                instrumentation.opentelemetry.io/inject-java: "true"
            spec:
              containers:
              - name: app
                image: registry.example.com/web:1.0
        """;

    private const string Instrumentation = """
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata:
          name: java
          namespace: demo
        spec:
          exporter:
            endpoint: http://collector.demo:4317
        """;

    private const string Plain = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: plain
          namespace: demo
        data: {k: v}
        """;

    private const string Config = """
        apiVersion: fn.krm-otel.dev/v1alpha1
        kind: KrmOtel
        metadata:
          name: otel
        spec: {}
        """;

    private static string Stream(params string[] docs) => string.Join("---\n", docs.Select(d => d.TrimEnd('\n') + "\n"));

    public static TheoryData<string, string[], bool> Inputs => new()
    {
        { "an Instrumentation after the workload it serves", [Stream(Deployment, Plain, Instrumentation)], true },
        { "the Instrumentation and the function config in other files", [Stream(Deployment), Stream(Plain, Instrumentation), Config], true },
        { "a kind spelled with an escape", [Stream(Deployment, Instrumentation.Replace("kind: Instrumentation", "kind: \"Instrument\\x61tion\""))], true },
        { "a Namespace in flow style that asks for injection", [Stream(Deployment.Replace("        annotations:\n          instrumentation.opentelemetry.io/inject-java: \"true\"\n", ""), "{apiVersion: v1, kind: Namespace, metadata: {name: demo, annotations: {instrumentation.opentelemetry.io/inject-java: \"true\"}}}", Instrumentation)], true },
        { "a word that only ends in Namespace", [Stream(Deployment.Replace("      containers:", "      shareProcessNamespace: false\n      containers:"), Instrumentation)], true },
        { "null and empty documents before a bad one (the index counts objects)", ["--- ~\n---\n# only a comment\n--- null\n---\nnope: [1]\n--- !!null x\n---\n- a list\n---\n" + Stream(Plain, Instrumentation)], true },
        { "documents after a marker line with a comment, leading comments, CRLF", ["# head\n--- # first\n" + Plain.Replace("\n", "\r\n") + "\r\n--- # second\n# Source: chart/templates/web.yaml\n" + Stream(Deployment, Instrumentation)], true },
        { "a document of comments only between two", [Plain + "\n---\n# nothing here\n---\n" + Stream(Deployment, Instrumentation)], true },
        { "comments above the first marker", ["# Source: chart/templates/a.yaml\n# more\n\n---\n" + Stream(Plain, Deployment, Instrumentation)], true },
        { "a kustomization among the files", ["apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n---\n" + Stream(Deployment, Instrumentation)], true },
        { "an unknown container name: refused, nothing written", [Stream(Deployment.Replace("inject-java: \"true\"", "inject-java: \"true\"\n        instrumentation.opentelemetry.io/container-names: nope"), Instrumentation)], true },
        { "no Instrumentation: refused", [Stream(Deployment)], true },
        { "nothing but comments", ["# nothing\n---\n# more nothing\n"], true },
        { "a document that is not an object", [Stream(Plain, "just a string", Instrumentation)], true },
        { "a directive", ["%YAML 1.2\n---\n" + Stream(Deployment, Instrumentation)], false },
        { "a document end marker", [Deployment + "\n...\n" + Instrumentation], false },
        { "a YAML error in the last document", [Stream(Deployment, Instrumentation, "a: [b")], false },
        { "a control character", [Stream(Deployment, Instrumentation, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {k: \"\u0007\"}")], false },
        { "two function configs", [Stream(Deployment, Instrumentation, Config, Config)], false },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_streamed_render_equals_the_whole_stream_render(string name, string[] files, bool streams)
    {
        _ = name;
        var texts = files.Select((t, i) => ($"f{i}.yaml", Utf8(t))).ToList();
        var args = new RenderArgs(texts.ConvertAll(t => t.Item1), null, null);
        var (wholeOut, wholeErr, wholeExit) = Whole(args, texts);
        var streamed = StreamedRender.Run(args, texts, []);
        Assert.Equal(streams, streamed is not null);
        if (streamed is null)
            return;
        var (outText, errText, exit) = Written(streamed);
        Assert.Equal(wholeErr, errText);
        Assert.Equal(wholeOut, outText);
        Assert.Equal(wholeExit, exit);
    }

    [Fact]
    public void Thousands_of_documents_on_every_core_keep_their_order_and_their_findings_in_order()
    {
        var docs = new List<string>();
        for (var i = 0; i < 1500; i++)
        {
            docs.Add(i % 3 == 0 ? Plain.Replace("name: plain", $"name: plain-{i}") : Deployment.Replace("name: web", $"name: web-{i}"));
            if (i % 500 == 7)
                docs.Add(Instrumentation.Replace("namespace: demo", $"namespace: other-{i}"));
        }
        docs.Add(Instrumentation);
        var texts = new List<(string, ReadOnlyMemory<byte>)> { ("big.yaml", Utf8(Stream([.. docs]))) };
        var args = new RenderArgs(["big.yaml"], null, null);
        var whole = Whole(args, texts);
        var streamed = StreamedRender.Run(args, texts, []);
        Assert.NotNull(streamed);
        Assert.Equal(whole, Written(streamed));
        Assert.Contains("instrumentation.opentelemetry.io/inject-java", whole.Out);
        Assert.Equal(0, whole.Exit);
    }

    [Fact]
    public void The_render_command_keeps_only_the_findings_it_reports()
    {
        // the whole-stream reader has an info finding for the injected pod; the command shows warnings and errors only
        var warned = Deployment.Replace("name: web\n", "name: web\n  annotations:\n    instrumentation.opentelemetry.io/inject-java: \"true\"\n");
        var texts = new List<(string, ReadOnlyMemory<byte>)> { ("in.yaml", Utf8(Stream(warned, Instrumentation))) };
        var args = new RenderArgs(["in.yaml"], null, null);
        var session = RenderSession.Read(args, texts, []);
        Assert.NotNull(session.Render());
        Assert.Contains(session.Findings, f => f.Severity == Severity.Info);
        var streamed = StreamedRender.Run(args, texts, []);
        Assert.NotNull(streamed);
        Assert.DoesNotContain(streamed.Findings, f => f.Severity == Severity.Info);
        Assert.Equal(
            session.Findings.Where(f => f.Severity >= Severity.Warning).Select(f => f.ToString()),
            streamed.Findings.Select(f => f.ToString()));
        Assert.Contains(streamed.Findings, f => f.Severity == Severity.Warning && f.Message.Contains("workload's own metadata", StringComparison.Ordinal));
        Assert.Equal(Whole(args, texts), Written(streamed));
    }

    [Fact]
    public void Every_golden_case_streams_to_the_whole_stream_render()
    {
        var root = Krm.TestData("render");
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var texts = new List<(string, ReadOnlyMemory<byte>)> { ("input.yaml", File.ReadAllBytes(Path.Combine(dir, "input.yaml"))) };
            var config = Path.Combine(dir, "config.yaml");
            var args = new RenderArgs(["input.yaml"], File.Exists(config) ? config : null, null);
            var whole = Whole(args, texts);
            var streamed = StreamedRender.Run(args, texts, []);
            Assert.True(streamed is not null, Path.GetFileName(dir) + " did not stream");
            Assert.True(whole == Written(streamed), Path.GetFileName(dir) + " differs");
        }
    }

    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static (string Out, string Err, int Exit) Whole(RenderArgs args, List<(string, ReadOnlyMemory<byte>)> texts)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var session = RenderSession.Read(args, texts, []);
        if (session.Render() is { } result)
            StreamCodec.Write(stdout, result.Items.Where(i => !i.IsLocalConfig), forCluster: true);
        var exit = session.Finish(stderr);
        return (stdout.ToString(), stderr.ToString(), exit);
    }

    private static (string Out, string Err, int Exit) Written(StreamedRender streamed)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        streamed.Write(stdout);
        Outcome.Report(stderr, streamed.Findings, Severity.Warning);
        var exit = Outcome.Summarise(stderr, streamed.Findings, streamed.FailOn);
        return (stdout.ToString(), stderr.ToString(), exit);
    }
}

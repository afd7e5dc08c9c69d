using System.Text;
using KrmOtel.Cli;

namespace KrmOtel.Tests.Cli;

/// <summary>
/// A ResourceList is rendered one item at a time (<see cref="StreamedResourceList"/>) when its envelope is plain and
/// the render succeeds; the whole-envelope reader is what it must agree with byte for byte, results and stderr too.
/// </summary>
public class StreamedResourceListTests
{
    private const string Deployment = """
        - apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            namespace: demo
            annotations:
              config.kubernetes.io/index: '0'
              internal.config.kubernetes.io/path: web.yaml
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
                  args: ["--port=8080"]
        """;

    private const string Instrumentation = """
        - apiVersion: opentelemetry.io/v1alpha1
          kind: Instrumentation
          metadata:
            name: java
            namespace: demo
          spec:
            exporter:
              endpoint: http://collector.demo:4317
        """;

    private const string Plain = """
        - # Source: chart/templates/cm.yaml
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: plain
            namespace: demo
          data:
            script: |
              #!/bin/sh
              - not an item
            k: v
        """;

    private const string Config = """
        functionConfig:
          apiVersion: fn.krm-otel.dev/v1alpha1
          kind: KrmOtel
          metadata:
            name: otel
          spec: {}
        """;

    private static string List(string items, string? before = null, string? after = null) =>
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n" + (before is null ? "" : before + "\n") + "items:\n" + items + "\n" + (after is null ? "" : after + "\n");

    private static string Indent(string items) => string.Join('\n', items.Split('\n').Select(l => l.Length == 0 ? l : "  " + l));

    public static TheoryData<string, string, bool> Inputs => new()
    {
        { "kpt's order: items, then the function config", List(Deployment + "\n" + Plain + "\n" + Instrumentation, after: Config), true },
        { "the function config first", List(Instrumentation + "\n" + Deployment, before: Config), true },
        { "no function config", List(Plain + "\n" + Deployment + "\n" + Instrumentation), true },
        { "items indented under their key", List(Indent(Deployment + "\n" + Plain + "\n" + Instrumentation), after: Config), true },
        { "comments and blank lines between items", List(Deployment + "\n\n# between\n" + Plain + "\n  # indented comment\n" + Instrumentation), true },
        { "CRLF line ends", List(Deployment + "\n" + Instrumentation).Replace("\n", "\r\n"), true },
        { "an item in flow style", List("- {apiVersion: v1, kind: ConfigMap, metadata: {name: flow}}\n" + Deployment + "\n" + Instrumentation), true },
        { "a collector with its objects", List(Deployment + "\n" + Instrumentation + "\n- apiVersion: opentelemetry.io/v1beta1\n  kind: OpenTelemetryCollector\n  metadata: {name: c, namespace: demo}\n  spec:\n    config:\n      receivers: {otlp: {protocols: {grpc: {}}}}\n      exporters: {debug: {}}\n      service: {pipelines: {traces: {receivers: [otlp], exporters: [debug]}}}"), true },
        { "a warning in the results", List(Deployment.Replace("    namespace: demo\n", "") + "\n" + Instrumentation.Replace("    namespace: demo\n", "")), true },
        { "no items to stream", "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n", false },
        { "a refused render", List(Deployment), false },
        { "an item that is not an object", List("- just a string\n" + Deployment + "\n" + Instrumentation), false },
        { "a document marker", "---\n" + List(Deployment + "\n" + Instrumentation), false },
        { "two items keys", List(Deployment + "\n" + Instrumentation) + "items: []\n", false },
        { "an anchor used in a later item", List("- &m {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- *m"), false },
        { "not a ResourceList", "apiVersion: v1\nkind: List\nitems:\n" + Plain + "\n", false },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_streamed_ResourceList_equals_the_whole_envelope_render(string name, string input, bool streams)
    {
        _ = name;
        var (streamedExit, streamedOut, streamedErr) = Capture(io => StreamedResourceList.Run(Encoding.UTF8.GetBytes(input), io));
        var (wholeExit, wholeOut, wholeErr) = Capture(io => ResourceListCommand.Whole(input, io));
        Assert.True(streams == streamedExit is not null, wholeErr + wholeOut);
        if (streamedExit is null)
        {
            Assert.Equal("", streamedOut);
            Assert.Equal("", streamedErr);
            return;
        }
        Assert.Equal(wholeOut, streamedOut);
        Assert.Equal(wholeErr, streamedErr);
        Assert.Equal(wholeExit, streamedExit);
    }

    [Fact]
    public void Thousands_of_items_on_every_core_keep_their_order()
    {
        var items = new StringBuilder();
        for (var i = 0; i < 1200; i++)
            items.Append((i % 2 == 0 ? Plain : Deployment).Replace("name: plain", $"name: plain-{i}").Replace("name: web", $"name: web-{i}")).Append('\n');
        var input = List(items + Instrumentation, after: Config);
        var streamed = Capture(io => StreamedResourceList.Run(Encoding.UTF8.GetBytes(input), io));
        var whole = Capture(io => ResourceListCommand.Whole(input, io));
        Assert.Equal(0, streamed.Exit);
        Assert.Equal(whole.Out, streamed.Out);
        Assert.Equal(whole.Err, streamed.Err);
        Assert.Contains("opentelemetry-auto-instrumentation-java", streamed.Out);
    }

    private static (int? Exit, string Out, string Err) Capture(Func<StdStreams, int?> run)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = run(new StdStreams(() => "", stdout, stderr));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}

using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Cli;

/// <summary>Helpers shared by the CLI tests: a crash-proof run, the items text of a ResourceList, stock inputs.</summary>
internal static class CliSupport
{
    /// <summary>
    /// Runs the CLI in-process like <see cref="Krm.Run"/>, but an exception escaping <c>Entry.Run</c> becomes what the
    /// real process would show: exit 134 and the .NET "Unhandled exception" text on stderr, so assertions name it.
    /// </summary>
    public static RunResult Run(string stdin, params string[] args)
    {
        try
        {
            return Krm.Run(stdin, args);
        }
        catch (Exception e)
        {
            return new RunResult(134, "", "Unhandled exception. " + e);
        }
    }

    /// <summary>The text of the top-level <c>items:</c> sequence of a ResourceList, up to the next top-level key.</summary>
    public static string ItemsText(string resourceList)
    {
        var lines = resourceList.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("items:", StringComparison.Ordinal));
        Assert.True(start >= 0, "no items: key in\n" + resourceList);
        var sb = new System.Text.StringBuilder();
        for (var i = start + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length > 0 && line[0] != ' ' && line[0] != '-' && line[0] != '#')
                break;
            sb.Append(line).Append('\n');
        }
        return sb.ToString().TrimEnd('\n');
    }

    public static JsonArray Results(RunResult r) => r.ResourceList["results"] as JsonArray ?? [];

    public static JsonArray Items(RunResult r) => r.ResourceList["items"] as JsonArray ?? [];

    public static string Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static void NoStackTrace(RunResult r)
    {
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stdout, StringComparison.Ordinal);
    }

    public const string Instr = """
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata:
          name: demo-instrumentation
          namespace: demo
        spec:
          exporter:
            endpoint: http://otel-collector.observability.svc.cluster.local:4318
        """;

    /// <summary>A Deployment asking for the Go agent, with extra annotations on its own metadata.</summary>
    public static string GoDeployment(string name = "voting", string ownAnnotations = "", string injectValue = "\"true\"") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: demo
        {(ownAnnotations.Length == 0 ? "" : "  annotations:\n" + string.Join("\n", ownAnnotations.Split('\n').Select(l => "    " + l)) + "\n")}spec:
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
              annotations:
                instrumentation.opentelemetry.io/inject-go: {injectValue}
                instrumentation.opentelemetry.io/otel-go-auto-target-exe: /app
            spec:
              containers:
              - name: app
                image: example.com/{name}:v1
        """;

    /// <summary>A Deployment asking for the Java agent, the shortest that renders.</summary>
    public const string JavaShop = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
          namespace: demo
        spec:
          template:
            metadata:
              annotations:
                instrumentation.opentelemetry.io/inject-java: "true"
            spec:
              containers:
              - name: shop
                image: example.com/shop:v1
        """;
    public const string GoEnabled = """
        apiVersion: fn.krm-otel.dev/v1alpha1
        kind: KrmOtel
        metadata:
          name: otel
        spec:
          enableGoInstrumentation: true
        """;

    public const string ConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: demo
          annotations:
            note: 'single "quoted"'   # a comment
        # a comment line inside the object
        data:
          "yes": "yes"
          octal: "0777"
          big: 123456789012345678901234567890
          flow: [a, b,   c]
          text: |
            line one
              line two
        """;
}

using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Instrumentation;

/// <summary>
/// Rendering is idempotent and reversible (product.md §5): a re-render changes nothing, a changed Instrumentation
/// updates the injected parts in place, and removing the annotation or rule takes out exactly what was added.
/// For every language and every workload kind.
/// </summary>
public class ReRenderTests
{
    private const string EmptyMap = "{}";
    private const string Config = "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  enableGoInstrumentation: true\n";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { "java", "nodejs", "python", "dotnet", "sdk", "go", "apache-httpd", "nginx" })
        {
            foreach (var kind in new[] { "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "ReplicationController", "Rollout" })
                data.Add(language, kind);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_rendered_workload_renders_to_itself(string language, string kind)
    {
        var first = Render(Instrumentation("v1") + Workload(kind, language));
        Assert.Contains("krm-otel.dev/injected", first);
        var second = Render(Instrumentation("v1") + first);
        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_changed_Instrumentation_updates_in_place(string language, string kind)
    {
        var first = Render(Instrumentation("v1") + Workload(kind, language));
        var updated = Render(Instrumentation("v2") + first);
        var fresh = Render(Instrumentation("v2") + Workload(kind, language));
        Assert.NotEqual(first, updated);
        Assert.Equal(fresh, updated);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Removing_the_annotation_removes_exactly_what_was_added(string language, string kind)
    {
        var original = Workload(kind, language);
        var rendered = Render(Instrumentation("v1") + original);
        var optedOut = YamlWriter.Write(WithoutInjectAnnotation(Parse(rendered), kind, language));
        var removed = Render(Instrumentation("v1") + optedOut);
        var expected = WithoutInjectAnnotation(Parse(original), kind, language);
        Assert.True(JsonNode.DeepEquals(expected, Parse(removed)), $"expected\n{YamlWriter.Write(expected)}\nactual\n{removed}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Setting_the_annotation_to_false_removes_exactly_what_was_added(string language, string kind)
    {
        var original = Workload(kind, language);
        var rendered = Render(Instrumentation("v1") + original);
        var optedOut = rendered.Replace($"instrumentation.opentelemetry.io/inject-{language}: \"true\"", $"instrumentation.opentelemetry.io/inject-{language}: \"false\"", StringComparison.Ordinal);
        Assert.NotEqual(rendered, optedOut);
        var removed = Parse(Render(Instrumentation("v1") + optedOut));
        var expected = Parse(original.Replace($"inject-{language}: \"true\"", $"inject-{language}: \"false\"", StringComparison.Ordinal));
        Assert.True(JsonNode.DeepEquals(expected, removed), $"expected\n{YamlWriter.Write(expected)}\nactual\n{YamlWriter.Write(removed)}");
    }

    [Theory]
    [InlineData("apache-httpd", "/usr/local/apache2/conf/httpd.conf")]
    [InlineData("nginx", "/etc/nginx/nginx.conf")]
    public void A_web_server_takes_out_the_mount_over_its_config_dir_and_removal_puts_it_back_in_place(string language, string path)
    {
        static List<string> Paths(JsonObject w) => w["spec"]!["template"]!["spec"]!["containers"]![0]!["volumeMounts"]!.AsArray().Select(m => m!["mountPath"]!.GetValue<string>()).ToList();
        var original = Workload("Deployment", language);
        var rendered = Render(Instrumentation("v1") + original);
        Assert.DoesNotContain(path, Paths(Parse(rendered)));
        var removed = Render(Instrumentation("v1") + rendered.Replace($"inject-{language}: \"true\"", $"inject-{language}: \"false\"", StringComparison.Ordinal));
        Assert.Equal(Paths(Parse(original)), Paths(Parse(removed)));
        Assert.Contains(path, Paths(Parse(removed)));
    }

    [Fact]
    public void Removing_an_inject_rule_removes_what_it_added()
    {
        var rule = Config + "  inject:\n  - language: java\n    instrumentation: shop/otel\n";
        var original = Workload("Deployment", null);
        var rendered = Render(Instrumentation("v1") + original, rule);
        Assert.Contains("opentelemetry-auto-instrumentation-java", rendered);
        var removed = Render(Instrumentation("v1") + rendered);
        Assert.True(JsonNode.DeepEquals(Parse(original), Parse(removed)), removed);
    }

    /// <summary>
    /// A record written before the record had the "annotations" field and counted entries (each name once): still
    /// read, updated in place and removed as before. A Pod's annotations map is the user's, so a current record says
    /// "map"; the old one did not, and the re-render gives exactly what a fresh render gives.
    /// </summary>
    [Theory]
    [InlineData("Pod")]
    [InlineData("Deployment")]
    public void A_record_of_the_earlier_format_is_updated_in_place(string kind)
    {
        var fresh = Render(Instrumentation("v2") + Workload(kind, "java"));
        var current = Render(Instrumentation("v1") + Workload(kind, "java"));
        var earlier = current.Replace(",\"annotations\":\"map\"", "", StringComparison.Ordinal);
        Assert.Equal(kind == "Pod", earlier != current);
        Assert.Equal(fresh, Render(Instrumentation("v2") + earlier));
        var removed = Parse(Render(Instrumentation("v1") + YamlWriter.Write(WithoutInjectAnnotation(Parse(earlier), kind, "java"))));
        var expected = WithoutInjectAnnotation(Parse(Workload(kind, "java")), kind, "java");
        Assert.True(JsonNode.DeepEquals(expected, removed), $"expected\n{YamlWriter.Write(expected)}\nactual\n{YamlWriter.Write(removed)}");
    }

    [Fact]
    public void An_edited_record_is_refused()
    {
        var rendered = Render(Instrumentation("v1") + Workload("Deployment", "java"));
        var broken = rendered.Replace("krm-otel.dev/injected: '{\"v\":1", "krm-otel.dev/injected: '{\"v\":9", StringComparison.Ordinal);
        var r = Krm.Run(Instrumentation("v1") + broken, "render", "-");
        Assert.Equal(1, r.Exit);
        Assert.Contains("krm-otel.dev/injected", r.Stderr);
    }

    private static string Render(string input, string config = Config)
    {
        using var dir = Krm.Files(("config.yaml", config));
        var r = Krm.Run(input, "render", "-", "--config", dir["config.yaml"]);
        Assert.True(r.Exit == 0, r.Stderr);
        return r.Stdout;
    }

    private static JsonObject Parse(string yaml) => (JsonObject)YamlReader.ReadStream(yaml).Single(d => d.Root!["kind"]!.GetValue<string>() != "Instrumentation").Root!;

    private static JsonObject WithoutInjectAnnotation(JsonObject workload, string kind, string language)
    {
        var meta = kind switch
        {
            "Pod" => workload["metadata"]!,
            "CronJob" => workload["spec"]!["jobTemplate"]!["spec"]!["template"]!["metadata"]!,
            _ => workload["spec"]!["template"]!["metadata"]!,
        };
        meta["annotations"]!.AsObject().Remove($"instrumentation.opentelemetry.io/inject-{language}");
        return workload;
    }

    private static string Instrumentation(string version) => $"""
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata:
          name: otel
          namespace: shop
        spec:
          exporter:
            endpoint: http://collector-{version}.observability:4318
          sampler:
            type: parentbased_traceidratio
            argument: "{(version == "v1" ? "0.5" : "0.25")}"
          env:
          - name: OTEL_EXPORTER_OTLP_TIMEOUT
            value: "{(version == "v1" ? "10000" : "20000")}"
          java:
            image: registry.example.com/java-agent:{version}
          nodejs:
            image: registry.example.com/node-agent:{version}
          python:
            image: registry.example.com/python-agent:{version}
          dotnet:
            image: registry.example.com/dotnet-agent:{version}
          go:
            image: registry.example.com/go-agent:{version}
          apacheHttpd:
            image: registry.example.com/webserver-agent:{version}
          nginx:
            image: registry.example.com/webserver-agent:{version}
        ---

        """;

    // a pod with user env (including the variables agents extend), an existing init container, volumes and mounts,
    // among them one over each web server's config dir (Apache and Nginx take it out while they are injected)
    private static string Workload(string kind, string? language)
    {
        var annotations = language is null ? "" : $"""
              annotations:
                instrumentation.opentelemetry.io/inject-{language}: "true"
                instrumentation.opentelemetry.io/otel-go-auto-target-exe: /app/server
                team: checkout
            """;
        var pod = $"""
            metadata:
              labels:
                app: checkout
            {annotations}
            spec:
              {(kind is "Job" or "CronJob" ? "restartPolicy: Never\n  " : "")}initContainers:
              - name: migrate
                image: registry.example.com/migrate:1
              containers:
              - name: app
                image: registry.example.com/checkout:2.1.0
                env:
                - name: OTEL_RESOURCE_ATTRIBUTES
                  value: team=checkout
                - name: JAVA_TOOL_OPTIONS
                  value: -Xmx512m
                - name: NODE_OPTIONS
                  value: --max-old-space-size=256
                - name: PYTHONPATH
                  value: /app/lib
                - name: DOTNET_STARTUP_HOOKS
                  value: /app/hook.dll
                - name: LOG_LEVEL
                  value: info
                - name: LD_LIBRARY_PATH
                  value: /app/native
                volumeMounts:
                - name: data
                  mountPath: /data
                - name: server-conf
                  mountPath: /usr/local/apache2/conf/httpd.conf
                  subPath: httpd.conf
                - name: server-conf
                  mountPath: /etc/nginx/nginx.conf
                  subPath: nginx.conf
                - name: cache
                  mountPath: /cache
              volumes:
              - name: data
                emptyDir: {EmptyMap}
              - name: server-conf
                configMap:
                  name: server-conf
              - name: cache
                emptyDir: {EmptyMap}
            """;
        var (api, body) = kind switch
        {
            "Pod" => ("v1", pod.Replace("metadata:\n  labels:", "metadata:\n  name: checkout\n  namespace: shop\n  labels:", StringComparison.Ordinal)),
            "ReplicationController" => ("v1", Spec(pod, 2, "")),
            "Job" => ("batch/v1", Spec(pod, 2, "")),
            "CronJob" => ("batch/v1", "spec:\n  schedule: \"@hourly\"\n  jobTemplate:\n    spec:\n      template:\n" + Indent(pod, 8)),
            "Rollout" => ("argoproj.io/v1alpha1", Spec(pod, 2, "  selector:\n    matchLabels:\n      app: checkout\n")),
            _ => ("apps/v1", Spec(pod, 2, "  selector:\n    matchLabels:\n      app: checkout\n")),
        };
        var head = kind == "Pod" ? "" : "metadata:\n  name: checkout\n  namespace: shop\n";
        return $"apiVersion: {api}\nkind: {kind}\n{head}{body}";
    }

    private static string Spec(string pod, int indent, string extra) => "spec:\n" + extra + "  template:\n" + Indent(pod, indent + 2);

    private static string Indent(string text, int n) =>
        string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', n) + l)) + "\n";
}

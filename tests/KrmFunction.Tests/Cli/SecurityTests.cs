using KrmOtel.Tests.Support;
using KrmOtel.Yaml;
using static KrmOtel.Tests.Cli.CliSupport;

namespace KrmOtel.Tests.Cli;

/// <summary>
/// Argo CD and CI run krm-otel on repositories they do not trust (issue 7): it writes nothing the input names, keeps
/// generated paths and eject's files inside, never reads through links out of the root, and never prints secrets.
/// The syscall-level checks (no exec, no network, no writes) run the published binary in the integration tests.
/// </summary>
public class SecurityTests
{
    private const string SecretData = "c2VjcmV0LXZhbHVlLTEyMzQ1"; // base64 of the next line
    private const string SecretPlain = "secret-value-12345";
    private const string StringData = "hunter2-plain-text";

    private static readonly string Secret = $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
          namespace: demo
        type: Opaque
        data:
          token: {SecretData}
        stringData:
          password: {StringData}
        """;

    /// <summary>A Java Deployment whose env takes the Secret's values by secretKeyRef, with the given annotation lines.</summary>
    private static string UsesSecret(string annotations) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
          namespace: demo
        spec:
          template:
            metadata:
              annotations:
        {{annotations}}
            spec:
              containers:
              - name: shop
                image: example.com/shop:v1
                env:
                - name: DB_TOKEN
                  valueFrom:
                    secretKeyRef: {name: db, key: token}
                - name: JAVA_TOOL_OPTIONS
                  valueFrom:
                    secretKeyRef: {name: db, key: password}
                - name: OTEL_RESOURCE_ATTRIBUTES
                  valueFrom:
                    secretKeyRef: {name: db, key: token}
        """;

    public static TheoryData<string, string> SecretCases => new()
    {
        // errors and warnings raised right at the env vars taken from the Secret, and around it
        { "OTEL_RESOURCE_ATTRIBUTES and JAVA_TOOL_OPTIONS from secretKeyRef", Instr + "\n---\n" + Secret + "\n---\n" + UsesSecret("        instrumentation.opentelemetry.io/inject-java: \"true\"") },
        { "an unknown container next to secretKeyRef env", Instr + "\n---\n" + Secret + "\n---\n" + UsesSecret("        instrumentation.opentelemetry.io/inject-java: \"true\"\n        instrumentation.opentelemetry.io/container-names: nope") },
        { "an Instrumentation taking env from the Secret, invalid", Instr + "\n  env:\n  - name: TOKEN\n    valueFrom:\n      secretKeyRef: {name: db, key: token}\n  sampler: [" + SecretData + "-is-not-here]\n---\n" + Secret + "\n---\n" + UsesSecret("        instrumentation.opentelemetry.io/inject-java: \"true\"") },
        { "a duplicate key inside the Secret's data", Secret.Replace($"  token: {SecretData}", $"  token: {SecretData}\n  token: {SecretData}", StringComparison.Ordinal) },
        { "a syntax error on the line after the Secret's data", Secret + "\n  broken: \"unterminated" },
        { "the Secret's data a list", Secret.Replace($"data:\n  token: {SecretData}", $"data: [{SecretData}]", StringComparison.Ordinal) + "\n---\n" + Instr },
        { "a tab after the Secret's data", Secret + "\n\tpassword: x" },
        { "JAVA_TOOL_OPTIONS from secretKeyRef (a warning)", Instr + "\n---\n" + Secret + "\n---\n" + UsesSecret("        instrumentation.opentelemetry.io/inject-java: \"true\"").Replace("OTEL_RESOURCE_ATTRIBUTES", "OTHER", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(SecretCases))]
    public void Findings_never_print_Secret_data_or_values_taken_from_secretKeyRef(string name, string input)
    {
        _ = name;
        foreach (var r in new[] { Run(input, "render", "-"), Run(input, "doctor", "-"), Run(Krm.ResourceList(input)) })
        {
            NoStackTrace(r);
            var findings = r.Stderr + (r.Stdout.Contains("kind: ResourceList", StringComparison.Ordinal) ? ResultsText(r) : "") + (r.Stdout.Contains("SEVERITY", StringComparison.Ordinal) ? r.Stdout : "");
            foreach (var secret in new[] { SecretData, SecretPlain, StringData })
                Assert.DoesNotContain(secret, findings, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_secret_cases_do_raise_findings_around_the_secret()
    {
        // the test above only means something if the render speaks about these objects
        var r = Run(Instr + "\n---\n" + Secret + "\n---\n" + UsesSecret("        instrumentation.opentelemetry.io/inject-java: \"true\""), "render", "-");
        Assert.Equal(1, r.Exit);
        Assert.Contains("OTEL_RESOURCE_ATTRIBUTES", r.Stderr, StringComparison.Ordinal);
        var warned = Run(Instr + "\n---\n" + Secret + "\n---\n" + UsesSecret("        instrumentation.opentelemetry.io/inject-java: \"true\"").Replace("OTEL_RESOURCE_ATTRIBUTES", "OTHER", StringComparison.Ordinal), "render", "-");
        Assert.Contains("JAVA_TOOL_OPTIONS", warned.Stderr, StringComparison.Ordinal);
    }

    private static string ResultsText(RunResult r) => string.Join("\n", Results(r).Select(x => x!.ToJsonString()));

    [Fact]
    public void Input_naming_files_urls_and_commands_makes_the_render_write_nothing()
    {
        using var outside = new TempDir();
        var canary = Path.Combine(outside.Path, "canary");
        var hostile = $$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: hostile
              namespace: demo
              annotations:
                config.kubernetes.io/path: ../../{{canary}}.yaml
                config.kubernetes.io/function: |
                  exec:
                    path: /bin/touch {{canary}}-exec
                kustomize.config.k8s.io/needs-hash: "true"
            data:
              url: https://example.com/payload.yaml
              file: file://{{canary}}-file
              shell: $(touch {{canary}}-shell)
            ---
            apiVersion: opentelemetry.io/v1alpha1
            kind: Instrumentation
            metadata:
              name: demo-instrumentation
              namespace: demo
            spec:
              exporter:
                endpoint: http://169.254.169.254:4318/latest/meta-data
              java:
                image: "example.com/x:1;touch {{canary}}-image"
            ---
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
                    command: [/bin/sh, -c, "touch {{canary}}-command"]
            """;
        using var package = Krm.Files(("app.yaml", hostile));
        var before = Directory.GetFileSystemEntries(package.Path, "*", SearchOption.AllDirectories).Order().ToList();

        foreach (var r in new[] { Run("", "render", package.Path), Run(Krm.ResourceList(hostile)), Run("", "doctor", package.Path), Run("", "images", package.Path) })
            Assert.True(r.Exit == 0, r.Stderr);

        Assert.Empty(Directory.GetFileSystemEntries(outside.Path));
        Assert.Equal(before, Directory.GetFileSystemEntries(package.Path, "*", SearchOption.AllDirectories).Order().ToList());
    }

    public static TheoryData<string> HostileCollectorNames => ["../../../etc/cron.d/x", "/etc/x", "a/b", "..", "a\\u0000b", "A-Upper"];

    [Theory]
    [MemberData(nameof(HostileCollectorNames))]
    public void A_collector_whose_name_is_a_path_is_refused_and_generates_no_path(string name)
    {
        var collector = $"apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: \"{name}\"\n  namespace: demo\nspec:\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc: {{}}\n    exporters:\n      debug: {{}}\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [debug]";
        var r = Run(Krm.ResourceList(collector));
        Assert.Equal(1, r.Exit);
        Assert.Contains("metadata.name: \"", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("is not a valid object name", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("-collector.yaml", r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("otel")]
    [InlineData("a.b.c")]
    [InlineData("x--y")]
    public void Generated_paths_are_relative_and_stay_in_the_package(string name)
    {
        var collector = $"apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: {name}\n  namespace: demo\nspec:\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc: {{}}\n    exporters:\n      debug: {{}}\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [debug]";
        var r = Run(Krm.ResourceList(collector));
        Assert.True(r.Exit == 0, r.Stderr);
        var paths = Items(r).Select(i => Str(i!["metadata"]?["annotations"]?["config.kubernetes.io/path"])).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, p =>
        {
            Assert.False(Path.IsPathRooted(p), p);
            Assert.DoesNotContain("..", p.Split('/'));
            Assert.Equal($"otel/{name}-collector.yaml", p);
        });
    }

    [Fact]
    public void Eject_writes_its_three_files_inside_out_whatever_the_objects_are_called()
    {
        var names = new[] { "../../escape", "/etc/passwd-x", "a/../../b", "nul\\u0000name" };
        var workloads = string.Join("\n---\n", names.Select((n, i) => $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: \"{n}\"\n  namespace: demo\nspec:\n  template:\n    metadata:\n      annotations:\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n    spec:\n      containers:\n      - name: app{i}\n        image: example.com/app:v1"));
        using var work = new TempDir();
        var package = Path.Combine(work.Path, "pkg");
        Directory.CreateDirectory(package);
        File.WriteAllText(Path.Combine(package, "app.yaml"), Instr + "\n---\n" + workloads + "\n");
        var outDir = Path.Combine(work.Path, "out");

        var r = Run("", "eject", package, "--out", outDir);

        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Equal(["out/kustomization.yaml", "out/resources.yaml", "pkg/app.yaml"],
            Directory.GetFiles(work.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(work.Path, f)).Order(StringComparer.Ordinal));
        var kustomization = YamlReader.ReadStream(File.ReadAllText(Path.Combine(outDir, "kustomization.yaml"))).Single().Root!;
        Assert.Equal(names.Length, kustomization["patches"]!.AsArray().Count);
    }
}

using KrmOtel.IntegrationTests.Infrastructure;
using static KrmOtel.IntegrationTests.Infrastructure.Manifests;

namespace KrmOtel.IntegrationTests;

/// <summary>examples/kpt through <c>kpt fn render --allow-exec</c> and <c>kpt fn eval --exec</c>, on temp copies.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class KptTests
{
    private static readonly string Example = RepoPaths.Example("kpt");
    private static readonly GoSidecar Orders = new("demo", "orders", "orders", "1.4.2", "/app/app");

    private readonly PublishedBinary _binary;

    public KptTests(PublishedBinary binary)
    {
        _binary = binary;
    }

    [Fact]
    public void Render_writes_the_expected_package()
    {
        using var temp = new TempDirectory();
        var pkg = temp.CopyFrom(Example, "pkg");

        var result = Kpt(pkg, "fn", "render", "--allow-exec", "--results-dir", temp.Combine("res"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var expectedDir = Path.Combine(Example, ".expected");
        var rendered = KrmFiles(pkg);
        // .expected/ has no Kptfile (kpt would take the folder for a subpackage); the Kptfile is checked below
        Assert.Equal(KrmFiles(expectedDir).Append("Kptfile").Order(StringComparer.Ordinal), rendered);
        foreach (var file in rendered.Where(f => f != "Kptfile"))
            Golden.AssertMatches(Path.Combine(expectedDir, file), File.ReadAllText(Path.Combine(pkg, file)), $"rendered {file}");

        Orders.AssertInjected(Load(Path.Combine(pkg, "deployment.yaml")).Get("Deployment", "orders"),
            Load(Path.Combine(Example, "deployment.yaml")).Get("Deployment", "orders"));
        foreach (var untouched in new[] { "Kptfile", "fn-config.yaml", "instrumentation.yaml", "collector.yaml", "service.yaml" })
            Assert.True(File.ReadAllText(Path.Combine(Example, untouched)) == File.ReadAllText(Path.Combine(pkg, untouched)), $"{untouched} was changed by the render");
        var serviceAfter = File.ReadAllLines(Path.Combine(pkg, "service.yaml"));
        foreach (var comment in File.ReadAllLines(Path.Combine(Example, "service.yaml")).Where(l => l.Contains('#')))
            Assert.Contains(comment, serviceAfter);

        var results = Load(temp.Combine("res", "results.yaml")).Objects.Single();
        Assert.Equal("0", Scalar(results, "exitCode"));
        Assert.DoesNotContain(Sequence(results, "items", 0, "results"), r => Scalar(r, "severity") == "error");
    }

    [Fact]
    public void The_collector_renders_into_its_own_file_and_serves_the_Instrumentation_endpoint()
    {
        using var temp = new TempDirectory();
        var pkg = temp.CopyFrom(Example, "pkg");

        var result = Kpt(pkg, "fn", "render", "--allow-exec");

        Assert.True(result.ExitCode == 0, result.ToString());
        // everything the collector became is in one file, in the operator's build order, with the operator's labels
        var generated = Load(Path.Combine(pkg, CollectorFile));
        Assert.Equal(["Deployment/otel-collector", "PodDisruptionBudget/otel-collector", $"ConfigMap/{ConfigMapName(generated)}", "ServiceAccount/otel-collector",
            "Service/otel-collector", "Service/otel-collector-headless", "Service/otel-collector-monitoring", "NetworkPolicy/otel-collector-networkpolicy"],
            generated.Objects.Select(Describe));
        Assert.All(generated.Objects, o => Assert.Equal("observability.otel", Scalar(o, "metadata", "labels", "app.kubernetes.io/instance")));
        Assert.DoesNotContain(KrmFiles(pkg), f => f != CollectorFile && Load(Path.Combine(pkg, f)).Objects.Any(o => Scalar(o, "metadata", "labels", "app.kubernetes.io/managed-by") == "opentelemetry-operator"));
        // the Instrumentation exports to http://otel-collector.observability.svc.cluster.local:4318: a generated Service
        Endpoints.AssertServed(generated, Scalar(Load(Path.Combine(pkg, "instrumentation.yaml")).Objects.Single(), "spec", "exporter", "endpoint")!);
    }

    [Fact]
    public void A_collector_config_change_rewrites_the_ConfigMap_under_its_new_hash_name_and_leaves_no_stale_one()
    {
        using var temp = new TempDirectory();
        var pkg = temp.CopyFrom(Example, "pkg");
        Assert.True(Kpt(pkg, "fn", "render", "--allow-exec") is { ExitCode: 0 }, "first render");
        var before = Load(Path.Combine(pkg, CollectorFile));
        var oldName = ConfigMapName(before);
        var collector = Path.Combine(pkg, "collector.yaml");
        var text = File.ReadAllText(collector);
        Assert.Contains("timeout: 5s", text, StringComparison.Ordinal);
        File.WriteAllText(collector, text.Replace("timeout: 5s", "timeout: 10s", StringComparison.Ordinal));

        var second = Kpt(pkg, "fn", "render", "--allow-exec");

        Assert.True(second.ExitCode == 0, second.ToString());
        var after = Load(Path.Combine(pkg, CollectorFile));
        var newName = ConfigMapName(after);
        Assert.NotEqual(oldName, newName);
        Assert.Contains("timeout: 10s", Scalar(after.Get("ConfigMap", newName), "data", "collector.yaml"), StringComparison.Ordinal);
        // the old ConfigMap is gone from every file, and the workload mounts the new one
        Assert.DoesNotContain(KrmFiles(pkg).SelectMany(f => Load(Path.Combine(pkg, f)).OfKind("ConfigMap")), c => Scalar(c, "metadata", "name") == oldName);
        Assert.Equal(newName, Scalar(Named(Sequence(after.Get("Deployment", "otel-collector"), "spec", "template", "spec", "volumes"), "otc-internal")!, "configMap", "name"));
        Assert.Equal(before.Objects.Select(Describe).Where(d => !d.StartsWith("ConfigMap/", StringComparison.Ordinal)),
            after.Objects.Select(Describe).Where(d => !d.StartsWith("ConfigMap/", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_hand_edit_of_a_generated_object_is_undone_by_the_next_render()
    {
        using var temp = new TempDirectory();
        var pkg = temp.CopyFrom(Example, "pkg");
        Assert.True(Kpt(pkg, "fn", "render", "--allow-exec") is { ExitCode: 0 }, "first render");
        var once = TempDirectory.Snapshot(pkg);
        var file = Path.Combine(pkg, CollectorFile);
        File.WriteAllText(file, File.ReadAllText(file).Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal));

        var second = Kpt(pkg, "fn", "render", "--allow-exec");

        // the OpenTelemetryCollector is the source of truth: its file is regenerated as it was
        Assert.True(second.ExitCode == 0, second.ToString());
        AssertSameFiles(once, TempDirectory.Snapshot(pkg), "a render after a hand edit of the generated file");
    }

    [Fact]
    public void Render_only_adds_lines_to_the_instrumented_file()
    {
        using var temp = new TempDirectory();
        var pkg = temp.CopyFrom(Example, "pkg");

        var result = Kpt(pkg, "fn", "render", "--allow-exec");

        Assert.True(result.ExitCode == 0, result.ToString());
        // the Git diff a user reviews must be the injection and nothing else: every original line survives, in order
        var rendered = File.ReadAllLines(Path.Combine(pkg, "deployment.yaml"));
        var next = 0;
        foreach (var line in File.ReadAllLines(Path.Combine(Example, "deployment.yaml")))
        {
            var found = Array.IndexOf(rendered, line, next);
            Assert.True(found >= 0, $"the render changed or removed the line '{line}' of deployment.yaml:\n{string.Join('\n', rendered)}");
            next = found + 1;
        }
    }

    [Fact]
    public void Render_of_a_rendered_package_changes_nothing()
    {
        using var temp = new TempDirectory();
        var pkg = temp.CopyFrom(Example, "pkg");
        var first = Kpt(pkg, "fn", "render", "--allow-exec");
        Assert.True(first.ExitCode == 0, first.ToString());
        var once = TempDirectory.Snapshot(pkg);

        var second = Kpt(pkg, "fn", "render", "--allow-exec");

        Assert.True(second.ExitCode == 0, second.ToString());
        AssertSameFiles(once, TempDirectory.Snapshot(pkg), "the second render");
    }

    [Fact]
    public void After_the_Instrumentation_changes_a_render_updates_the_sidecar_in_place()
    {
        using var temp = new TempDirectory();
        var pkg = temp.CopyFrom(Example, "pkg");
        Assert.True(Kpt(pkg, "fn", "render", "--allow-exec") is { ExitCode: 0 }, "first render");
        var instrumentation = Path.Combine(pkg, "instrumentation.yaml");
        File.WriteAllText(instrumentation, File.ReadAllText(instrumentation).Replace("spec:\n", "spec:\n  go:\n    image: registry.example.com/mirror/autoinstrumentation-go:v0.24.0\n", StringComparison.Ordinal));

        var second = Kpt(pkg, "fn", "render", "--allow-exec");

        Assert.True(second.ExitCode == 0, second.ToString());
        var containers = Sequence(Load(Path.Combine(pkg, "deployment.yaml")).Get("Deployment", "orders"), "spec", "template", "spec", "containers");
        Assert.Equal(["orders", "opentelemetry-auto-instrumentation"], containers.Select(c => Scalar(c, "name")));
        Assert.Equal("registry.example.com/mirror/autoinstrumentation-go:v0.24.0", Scalar(containers[1], "image"));
        var volumes = Sequence(Load(Path.Combine(pkg, "deployment.yaml")).Get("Deployment", "orders"), "spec", "template", "spec", "volumes");
        Assert.Single(volumes);
    }

    [Fact]
    public void After_the_opt_in_is_removed_a_render_gives_back_the_original_object()
    {
        using var temp = new TempDirectory();
        var pkg = temp.CopyFrom(Example, "pkg");
        Assert.True(Kpt(pkg, "fn", "render", "--allow-exec") is { ExitCode: 0 }, "first render");
        var deployment = Path.Combine(pkg, "deployment.yaml");
        File.WriteAllLines(deployment, File.ReadAllLines(deployment).Where(l => !l.Contains("instrumentation.opentelemetry.io/inject-go", StringComparison.Ordinal)));

        var second = Kpt(pkg, "fn", "render", "--allow-exec");

        Assert.True(second.ExitCode == 0, second.ToString());
        var expected = Load(Path.Combine(Example, "deployment.yaml")).Get("Deployment", "orders");
        ((YamlDotNet.RepresentationModel.YamlMappingNode)At(expected, "spec", "template", "metadata", "annotations")!).Children
            .Remove(new YamlDotNet.RepresentationModel.YamlScalarNode("instrumentation.opentelemetry.io/inject-go"));
        Assert.Equal(Canonical(expected), Canonical(Load(deployment).Get("Deployment", "orders")));
    }

    [Fact]
    public void Eval_with_a_refusing_config_fails_and_leaves_the_package_untouched()
    {
        using var temp = new TempDirectory();
        var pkg = temp.CopyFrom(Example, "pkg");
        var before = TempDirectory.Snapshot(pkg);

        // ConfigMap functionConfig (-- key=value): the Go agent is not allowed, but deployment.yaml asks for it
        var result = Kpt(temp.Path, "fn", "eval", pkg, "--exec", "krm-otel", "--results-dir", temp.Combine("res"), "--", "enableGoInstrumentation=false");

        Assert.True(result.ExitCode != 0, result.ToString());
        AssertSameFiles(before, TempDirectory.Snapshot(pkg), "a refused eval");
        var results = Load(temp.Combine("res", "results.yaml")).Objects.Single();
        Assert.Equal("1", Scalar(results, "exitCode"));
        var errors = Sequence(results, "items", 0, "results").Where(r => Scalar(r, "severity") == "error").ToList();
        Assert.True(errors.Count > 0, $"results.yaml holds no error result:\n{File.ReadAllText(temp.Combine("res", "results.yaml"))}");
        Assert.Contains(errors, e => Scalar(e, "message")?.Contains("enableGoInstrumentation", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Eval_with_the_config_file_prints_the_instrumented_package()
    {
        using var temp = new TempDirectory();
        var pkg = temp.CopyFrom(Example, "pkg");
        var before = TempDirectory.Snapshot(pkg);

        var result = Kpt(temp.Path, "fn", "eval", pkg, "--exec", "krm-otel", "--fn-config", Path.Combine(pkg, "fn-config.yaml"), "-o", "unwrap");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertSameFiles(before, TempDirectory.Snapshot(pkg), "eval -o unwrap");
        var output = Parse(result.Stdout);
        Orders.AssertInjected(output.Get("Deployment", "orders"), Load(Path.Combine(Example, "deployment.yaml")).Get("Deployment", "orders"));
        // local-config objects pass through in ResourceList mode: kpt keeps them in their files
        Assert.Equal(Canonical(Load(Path.Combine(Example, "instrumentation.yaml")).Objects.Single()),
            Canonical(output.Get("Instrumentation", "demo-instrumentation")));
        Assert.Equal(Canonical(Load(Path.Combine(Example, "service.yaml")).Objects.Single()), Canonical(output.Get("Service", "orders")));
    }

    private static readonly string CollectorFile = Path.Combine("otel", "otel-collector.yaml");

    private static string ConfigMapName(Manifests generated) => Scalar(generated.OfKind("ConfigMap").Single(), "metadata", "name")!;

    private ProcessResult Kpt(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run(ExternalTools.Kpt, arguments, workingDirectory, new Dictionary<string, string?> { ["PATH"] = _binary.SearchPath });

    /// <summary>The files kpt reads as resources (Kptfile, *.yaml, *.yml), minus .krmignore'd .expected/.</summary>
    private static List<string> KrmFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.StartsWith(".expected" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) == "Kptfile" || f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static void AssertSameFiles(SortedDictionary<string, byte[]> before, SortedDictionary<string, byte[]> after, string what)
    {
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (file, bytes) in before)
            Assert.True(bytes.AsSpan().SequenceEqual(after[file]), $"{what} changed {file}:\n{System.Text.Encoding.UTF8.GetString(after[file])}");
    }
}

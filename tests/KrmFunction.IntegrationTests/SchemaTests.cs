using System.Text.RegularExpressions;
using KrmOtel.IntegrationTests.Infrastructure;

namespace KrmOtel.IntegrationTests;

/// <summary>
/// Every object the published binary renders, checked against the Kubernetes OpenAPI schema of its kind by
/// tests/tools/validate-k8s.mjs: the npm package kubernetes-models (the schema compiled to ajv validators), with
/// @kubernetes-models/prometheus-operator for ServiceMonitor/PodMonitor and @kubernetes-models/argo-rollouts for Rollout.
/// A kind it has no schema for fails the check; only the operator's own CRs, which pass through as input, are exempt.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class SchemaTests
{
    private static readonly string[] InputCrs =
        ["opentelemetry.io/v1alpha1/Instrumentation", "opentelemetry.io/v1alpha1/OpenTelemetryCollector", "opentelemetry.io/v1beta1/OpenTelemetryCollector"];

    private static readonly string Shared = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared"));

    private readonly PublishedBinary _binary;

    public SchemaTests(PublishedBinary binary)
    {
        _binary = binary;
    }

    [Fact]
    public void Collector_golden_renders_pass_the_Kubernetes_schema() =>
        AssertCasesValid(Path.Combine(RepoPaths.Root, "tests", "KrmFunction.Tests", "testdata", "collector"),
            ["Deployment", "DaemonSet", "StatefulSet", "ConfigMap", "Service", "ServiceAccount", "ClusterRole", "ClusterRoleBinding"]);

    [Fact]
    public void Shared_collector_conformance_renders_pass_the_Kubernetes_schema() =>
        AssertCasesValid(Path.Combine(Shared, "conformance", "collector"),
            ["Deployment", "DaemonSet", "StatefulSet", "ConfigMap", "Service", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
             "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "ServiceMonitor"]);

    [Fact]
    public void Instrumentation_golden_workloads_pass_the_Kubernetes_schema() =>
        AssertCasesValid(Path.Combine(RepoPaths.Root, "tests", "KrmFunction.Tests", "testdata", "render"),
            ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "Rollout"]);

    [Fact]
    public void Shared_instrumentation_conformance_renders_pass_the_Kubernetes_schema() =>
        AssertCasesValid(Path.Combine(Shared, "conformance", "instrumentation"), ["Deployment"]);

    [Fact]
    public void Expected_example_outputs_pass_the_Kubernetes_schema()
    {
        // each .expected file is what the real tool prints or writes (the example tests compare them byte for byte)
        var files = Directory.EnumerateFiles(RepoPaths.Examples, "*.yaml", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}.expected{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

        var check = Validate(files);

        Assert.True(check.ExitCode == 0, check.ToString());
        AssertChecked(check, files.Sum(f => Manifests.Load(f).Objects.Count), ["Deployment", "ConfigMap", "Service", "ServiceAccount"]);
    }

    [Fact]
    public void The_validator_refuses_broken_objects_and_kinds_it_has_no_schema_for()
    {
        using var temp = new TempDirectory();
        var rendered = Render(Path.Combine(Shared, "conformance", "collector", "deployment-minimal"));
        Assert.True(rendered.ExitCode == 0, rendered.ToString());
        var valid = temp.Combine("valid.yaml");
        File.WriteAllText(valid, rendered.Stdout);
        var ok = Validate([valid]);
        Assert.True(ok.ExitCode == 0, ok.ToString());

        // the same render with one field of the generated Deployment given the wrong type, and a kind without a schema
        var broken = temp.Combine("broken.yaml");
        var text = ContainersLine().Replace(rendered.Stdout, "${indent}containers: \"x\"\n${indent}removed:", 1);
        File.WriteAllText(broken, text + "---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");

        var check = Validate([broken]);

        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("apps/v1 Deployment otel/simple-collector: /spec/template/spec/containers must be array", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("example.com/v1 Widget /w: no schema for example.com/v1/Widget", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 invalid", check.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Renders every case folder (input.yaml, optional config.yaml) and validates all accepted renders in one run.</summary>
    private void AssertCasesValid(string root, string[] kindsSeen)
    {
        using var temp = new TempDirectory();
        var files = new List<string>();
        var objects = 0;
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var result = Render(dir);
            if (result.ExitCode != 0)
            {
                // refused renders write nothing: the golden and conformance tests check their findings
                Assert.True(result.Stdout.Length == 0, result.ToString());
                continue;
            }
            var file = temp.Combine(Path.GetFileName(dir) + ".yaml");
            File.WriteAllText(file, result.Stdout);
            files.Add(file);
            objects += Manifests.Parse(result.Stdout).Objects.Count;
        }
        Assert.NotEmpty(files);

        var check = Validate(files);

        Assert.True(check.ExitCode == 0, check.ToString());
        AssertChecked(check, objects, kindsSeen);
    }

    private ProcessResult Render(string dir)
    {
        var config = Path.Combine(dir, "config.yaml");
        string[] args = File.Exists(config) ? ["render", "input.yaml", "--config", config] : ["render", "input.yaml"];
        return ProcessRunner.Run(_binary.Path, args, dir);
    }

    private static ProcessResult Validate(IEnumerable<string> files) =>
        ProcessRunner.Run(ExternalTools.Node, [Path.Combine(RepoPaths.Tools, "validate-k8s.mjs"), .. InputCrs.SelectMany(k => new[] { "--unchecked", k }), .. files],
            RepoPaths.Root, new Dictionary<string, string?> { ["KRM_OTEL_NODE_MODULES"] = ExternalTools.NodeModules }, timeout: TimeSpan.FromMinutes(5));

    /// <summary>The validator saw every object (so none was skipped unseen) and each kind the corpus is known to render.</summary>
    private static void AssertChecked(ProcessResult check, int objects, string[] kindsSeen)
    {
        var summary = Summary().Match(check.Stdout);
        Assert.True(summary.Success, check.ToString());
        Assert.Equal(objects, int.Parse(summary.Groups["checked"].Value, System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(summary.Groups["local"].Value, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var kind in kindsSeen)
            Assert.Matches($"[:,] {kind} [0-9]+[,;]", summary.Value);
    }

    [GeneratedRegex(@"^checked (?<checked>[0-9]+) objects: .*; 0 invalid; (?<local>[0-9]+) local-config$", RegexOptions.Multiline)]
    private static partial Regex Summary();

    [GeneratedRegex(@"^(?<indent> +)containers:", RegexOptions.Multiline)]
    private static partial Regex ContainersLine();
}

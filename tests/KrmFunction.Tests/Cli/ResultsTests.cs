using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;
using static KrmOtel.Tests.Cli.CliSupport;

namespace KrmOtel.Tests.Cli;

/// <summary>spec/krm.md "Results" and spec/product.md §4: what a ResourceList run reports, on stdout and stderr.</summary>
public class ResultsTests
{
    private const string InjectGo = "spec.template.metadata.annotations[instrumentation.opentelemetry.io/inject-go]";

    public static TheoryData<string, string, string> FileAnnotations => new()
    {
        { "config.kubernetes.io/path: deploy/voting.yaml\nconfig.kubernetes.io/index: '1'", "deploy/voting.yaml", "1" },
        { "internal.config.kubernetes.io/path: deploy/voting.yaml\ninternal.config.kubernetes.io/index: '2'", "deploy/voting.yaml", "2" },
        // kpt fn render sets both; they agree
        { "config.kubernetes.io/index: '3'\nconfig.kubernetes.io/path: 'apps/voting.yaml'\ninternal.config.kubernetes.io/index: '3'\ninternal.config.kubernetes.io/path: 'apps/voting.yaml'\ninternal.config.kubernetes.io/seqindent: 'compact'\nconfig.k8s.io/id: '7'", "apps/voting.yaml", "3" },
    };

    [Theory]
    [MemberData(nameof(FileAnnotations))]
    public void An_error_result_names_message_severity_resource_field_and_file(string annotations, string path, string index)
    {
        var r = Run(Krm.ResourceList(Instr + "\n---\n" + GoDeployment(ownAnnotations: annotations)));
        Assert.Equal(1, r.Exit);
        var result = Assert.Single(Results(r))!.AsObject();
        Assert.Contains("enableGoInstrumentation", Str(result["message"]), StringComparison.Ordinal);
        Assert.Equal("error", Str(result["severity"]));
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "voting", ["namespace"] = "demo" },
            result["resourceRef"]), result.ToJsonString());
        Assert.Equal(InjectGo, Str(result["field"]?["path"]));
        Assert.Equal(path, Str(result["file"]?["path"]));
        Assert.Equal(index, result["file"]?["index"]?.ToJsonString());
    }

    [Fact]
    public void An_error_result_without_path_annotations_has_no_file()
    {
        var r = Run(Krm.ResourceList(Instr + "\n---\n" + GoDeployment()));
        Assert.Equal(1, r.Exit);
        var result = Assert.Single(Results(r))!.AsObject();
        Assert.Equal("error", Str(result["severity"]));
        Assert.Null(result["file"]);
        Assert.Equal(InjectGo, Str(result["field"]?["path"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec: {}")]
    [InlineData("apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  enableGoInstrumentation: false")]
    public void A_refused_render_returns_the_items_untouched_with_the_results(string? functionConfig)
    {
        var items = Instr + "\n---\n" + GoDeployment("voting", "config.kubernetes.io/path: a.yaml") + "\n---\n" + GoDeployment("web", "config.kubernetes.io/path: b.yaml") + "\n---\n" + ConfigMap;
        var stdin = Krm.ResourceList(items, functionConfig);
        var r = Run(stdin);

        Assert.Equal(1, r.Exit);
        Assert.Equal(ItemsText(stdin), ItemsText(r.Stdout)); // the Instrumentation is not consumed, nothing injected
        var results = Results(r);
        Assert.Equal(2, results.Count);
        Assert.All(results, x => Assert.Equal("error", Str(x!["severity"])));
        Assert.Equal(["voting", "web"], results.Select(x => Str(x!["resourceRef"]!["name"])));

        var lines = r.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("krm-otel: error: a.yaml: Deployment/demo/voting: " + InjectGo + ": ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("krm-otel: error: b.yaml: Deployment/demo/web: " + InjectGo + ": ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(Str(results[0]!["message"]), lines[0], StringComparison.Ordinal);
        Assert.EndsWith(Str(results[1]!["message"]), lines[1], StringComparison.Ordinal);
        Assert.Equal("krm-otel: render refused: 2 finding(s) at or above error", lines[2]);
    }

    [Fact]
    public void A_successful_Go_injection_reports_an_info_result_and_does_not_refuse()
    {
        var r = Run(Krm.ResourceList(Instr + "\n---\n" + GoDeployment(ownAnnotations: "config.kubernetes.io/path: voting.yaml\nconfig.kubernetes.io/index: '0'"), GoEnabled));
        Assert.Equal(0, r.Exit);
        Assert.Equal("", r.Stderr);
        var info = Assert.Single(Results(r))!.AsObject();
        Assert.Equal("info", Str(info["severity"]));
        Assert.Contains("Go agent", Str(info["message"]), StringComparison.Ordinal);
        Assert.Equal("voting", Str(info["resourceRef"]?["name"]));
        Assert.Equal("Deployment", Str(info["resourceRef"]?["kind"]));
        Assert.Equal("voting.yaml", Str(info["file"]?["path"]));

        var deployment = Assert.Single(Items(r))!; // the Instrumentation is consumed
        Assert.Equal("Deployment", Str(deployment["kind"]));
        Assert.Contains(deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray(), c => Str(c!["name"]) == "opentelemetry-auto-instrumentation");
        // the tool annotations the input carried are kept (kpt reads them back)
        Assert.Equal("voting.yaml", Str(deployment["metadata"]!["annotations"]!["config.kubernetes.io/path"]));
    }

    [Fact]
    public void Info_results_do_not_refuse_even_with_failOn_warning()
    {
        var config = GoEnabled + "\n  failOn: warning";
        var r = Run(Krm.ResourceList(Instr + "\n---\n" + GoDeployment(), config));
        Assert.Equal(0, r.Exit);
        Assert.Equal("info", Str(Assert.Single(Results(r))!["severity"]));
    }

    private static string Misplaced => GoDeployment(ownAnnotations: "instrumentation.opentelemetry.io/inject-go: \"true\"\nconfig.kubernetes.io/path: voting.yaml");

    [Fact]
    public void A_warning_does_not_refuse_by_default()
    {
        var r = Run(Krm.ResourceList(Instr + "\n---\n" + Misplaced, GoEnabled));
        Assert.Equal(0, r.Exit);
        var warning = Assert.Single(Results(r), x => Str(x!["severity"]) == "warning")!;
        Assert.Equal("metadata.annotations[instrumentation.opentelemetry.io/inject-go]", Str(warning["field"]?["path"]));
    }

    [Fact]
    public void FailOn_warning_refuses_on_a_warning()
    {
        var config = GoEnabled + "\n  failOn: warning";
        var stdin = Krm.ResourceList(Instr + "\n---\n" + Misplaced, config);
        var r = Run(stdin);
        Assert.Equal(1, r.Exit);
        Assert.Equal(ItemsText(stdin), ItemsText(r.Stdout));
        var warning = Assert.Single(Results(r), x => Str(x!["severity"]) == "warning")!;
        Assert.Equal("voting.yaml", Str(warning["file"]?["path"]));
        var lines = r.Stderr.TrimEnd('\n').Split('\n');
        Assert.Contains(lines, l => l.StartsWith("krm-otel: warning: voting.yaml: Deployment/demo/voting: metadata.annotations[instrumentation.opentelemetry.io/inject-go]: ", StringComparison.Ordinal));
        Assert.Equal("krm-otel: render refused: 1 finding(s) at or above warning", lines[^1]);
    }

    [Fact]
    public void FailOn_warning_refuses_on_a_warning_in_render_mode_too()
    {
        using var dir = Krm.Files(("config.yaml", GoEnabled + "\n  failOn: warning\n"));
        var r = Run(Instr + "\n---\n" + Misplaced + "\n", "render", "-", "--config", dir["config.yaml"]);
        Assert.Equal(1, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.EndsWith("krm-otel: render refused: 1 finding(s) at or above warning\n", r.Stderr, StringComparison.Ordinal);
    }

    // Beyond the brief, from spec/krm.md: "kustomize drops results entirely, so stderr must carry the message"
    // (exec/container functions run in ResourceList mode; their stderr is passed through live).
    [Fact]
    public void A_warning_on_a_successful_ResourceList_render_is_also_on_stderr()
    {
        var r = Run(Krm.ResourceList(Instr + "\n---\n" + Misplaced, GoEnabled));
        Assert.Equal(0, r.Exit);
        Assert.Contains("krm-otel: warning: voting.yaml: Deployment/demo/voting: metadata.annotations[instrumentation.opentelemetry.io/inject-go]: ", r.Stderr, StringComparison.Ordinal);
    }
}

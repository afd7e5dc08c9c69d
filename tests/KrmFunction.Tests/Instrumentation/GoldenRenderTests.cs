using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Instrumentation;

/// <summary>
/// Golden cases, one folder each under testdata/render: input.yaml (+ config.yaml) rendered must print exactly
/// expected.yaml and expected.stderr (no expected.yaml: the render is refused, exit 1, nothing on stdout).
/// Set KRM_OTEL_REGEN=1 to rewrite the expected files, then review the diff before committing it.
/// </summary>
public class GoldenRenderTests
{
    private static readonly string Root = Krm.TestData("render");

    public static TheoryData<string> Cases => new(Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_as_expected(string name)
    {
        var (result, dir) = Render(name);
        var expectedOut = Path.Combine(dir, "expected.yaml");
        var expectedErr = Path.Combine(dir, "expected.stderr");
        if (Environment.GetEnvironmentVariable("KRM_OTEL_REGEN") == "1")
        {
            Regenerate(result, expectedOut, expectedErr);
            return;
        }
        Assert.Equal(File.Exists(expectedErr) ? File.ReadAllText(expectedErr) : "", result.Stderr);
        if (File.Exists(expectedOut))
        {
            Assert.Equal(0, result.Exit);
            Assert.Equal(File.ReadAllText(expectedOut), result.Stdout);
        }
        else
        {
            Assert.Equal(1, result.Exit);
            Assert.Equal("", result.Stdout);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rendering_the_output_again_changes_nothing(string name)
    {
        var (first, dir) = Render(name);
        if (first.Exit != 0)
            return;
        // the Instrumentations were consumed: give them again, as the package that keeps them in Git would
        var crs = KrmOtel.Yaml.YamlReader.ReadStream(File.ReadAllText(Path.Combine(dir, "input.yaml")))
            .Where(d => d.Root?["kind"]?.GetValue<string>() == "Instrumentation" && d.Source is not null)
            .Select(d => "---\n" + d.Source + "\n");
        var kept = first.Documents.Any(d => d?["kind"]?.GetValue<string>() == "Instrumentation");
        var again = kept ? first.Stdout : first.Stdout + string.Concat(crs);
        var config = Path.Combine(dir, "config.yaml");
        var second = File.Exists(config) ? Krm.Run(again, "render", "-", "--config", config) : Krm.Run(again, "render", "-");
        Assert.Equal(0, second.Exit);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void An_inject_rule_gives_exactly_the_pod_the_annotations_give()
    {
        var byRule = Render("go-rule-selector").Result.Documents.Single(d => d!["metadata"]!["name"]!.GetValue<string>() == "voting")!;
        var byAnnotation = Render("go-annotation-basic").Result.Documents.Single()!;
        Assert.True(JsonNode.DeepEquals(byAnnotation["spec"]!["template"]!["spec"], byRule["spec"]!["template"]!["spec"]));
        Assert.Null(byRule["spec"]!["template"]!["metadata"]!["annotations"]); // the workload's file is not edited
        var other = Render("go-rule-selector").Result.Documents.Single(d => d!["metadata"]!["name"]!.GetValue<string>() == "web")!;
        Assert.Single(other["spec"]!["template"]!["spec"]!["containers"]!.AsArray()); // the selector's labels exclude it
    }

    [Fact]
    public void The_application_container_gains_nothing()
    {
        var input = (JsonObject)Support.Krm.Run(File.ReadAllText(Path.Combine(Root, "go-annotation-basic", "input.yaml")), "render", "-", "--config", Path.Combine(Root, "go-annotation-basic", "config.yaml")).Documents.Single()!;
        var original = KrmOtel.Yaml.YamlReader.ReadStream(File.ReadAllText(Path.Combine(Root, "go-annotation-basic", "input.yaml")))[1].Root!;
        var app = input["spec"]!["template"]!["spec"]!["containers"]![0];
        Assert.True(JsonNode.DeepEquals(original["spec"]!["template"]!["spec"]!["containers"]![0], app));
        Assert.Null(app!["securityContext"]);
    }

    private static (RunResult Result, string Dir) Render(string name)
    {
        var dir = Path.Combine(Root, name);
        var config = Path.Combine(dir, "config.yaml");
        var args = new List<string> { "render", Path.Combine(dir, "input.yaml") };
        if (File.Exists(config))
            args.AddRange(["--config", config]);
        var r = Krm.Run("", [.. args]);
        return (r with { Stderr = r.Stderr.Replace(dir + "/", "") }, dir);
    }

    private static void Regenerate(RunResult result, string expectedOut, string expectedErr)
    {
        if (result.Exit == 0)
            File.WriteAllText(expectedOut, result.Stdout);
        else
            File.Delete(expectedOut);
        if (result.Stderr.Length > 0)
            File.WriteAllText(expectedErr, result.Stderr);
        else
            File.Delete(expectedErr);
    }
}

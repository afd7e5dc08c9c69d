using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Collector;

/// <summary>
/// Golden collector renders, one folder each under testdata/collector (what each checks: its README.md): input.yaml
/// rendered must print exactly expected.yaml and expected.stderr (no expected.yaml: the render is refused, exit 1,
/// nothing on stdout). Set KRM_OTEL_REGEN=1 to rewrite them in the source tree, then review the diff against
/// spec/collector.md and the operator source.
/// </summary>
public class GoldenCollectorTests
{
    private static readonly string Root = Krm.TestData("collector");

    public static TheoryData<string> Cases => new(Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_as_expected(string name)
    {
        var dir = Path.Combine(Root, name);
        var result = Krm.Run("", "render", Path.Combine(dir, "input.yaml"));
        var stderr = result.Stderr.Replace(dir + "/", "");
        if (Environment.GetEnvironmentVariable("KRM_OTEL_REGEN") == "1")
        {
            foreach (var target in new[] { dir, Krm.SourceTestData("collector", name) })
                Regenerate(target, result.Exit == 0 ? result.Stdout : null, stderr);
            return;
        }
        var expectedOut = Path.Combine(dir, "expected.yaml");
        var expectedErr = Path.Combine(dir, "expected.stderr");
        Assert.Equal(File.Exists(expectedErr) ? File.ReadAllText(expectedErr) : "", stderr);
        Assert.Equal(File.Exists(expectedOut) ? 0 : 1, result.Exit);
        Assert.Equal(File.Exists(expectedOut) ? File.ReadAllText(expectedOut) : "", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rendering_the_output_with_the_collector_again_changes_nothing(string name)
    {
        var dir = Path.Combine(Root, name);
        var input = File.ReadAllText(Path.Combine(dir, "input.yaml"));
        var first = Krm.Run("", "render", Path.Combine(dir, "input.yaml"));
        if (first.Exit != 0)
            return; // refused: nothing was written to render again
        // the operator resources were consumed: give them again, as the package that keeps them in Git would
        var collectors = YamlReader.ReadStream(input).Where(d => d.Root?["kind"]?.GetValue<string>() is "OpenTelemetryCollector" or "Instrumentation").Select(d => "---\n" + d.Source + "\n");
        var kept = first.Documents.Any(d => d?["kind"]?.GetValue<string>() == "OpenTelemetryCollector");
        var second = Krm.Run(kept ? first.Stdout : first.Stdout + string.Concat(collectors), "render", "-");
        Assert.Equal(first.Exit, second.Exit);
        // the regenerated objects come out where their collector stands: compare as a set of documents
        Assert.Equal(Sorted(first), Sorted(second));
    }

    private static List<string> Sorted(RunResult r) =>
        [.. r.Documents.Select(d => YamlWriter.Write((System.Text.Json.Nodes.JsonObject)d!)).Order(StringComparer.Ordinal)];

    private static void Regenerate(string dir, string? stdout, string stderr)
    {
        var expectedOut = Path.Combine(dir, "expected.yaml");
        var expectedErr = Path.Combine(dir, "expected.stderr");
        if (stdout is null)
            File.Delete(expectedOut);
        else
            File.WriteAllText(expectedOut, stdout);
        if (stderr.Length > 0)
            File.WriteAllText(expectedErr, stderr);
        else
            File.Delete(expectedErr);
    }
}

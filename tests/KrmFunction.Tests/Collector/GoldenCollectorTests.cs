using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Collector;

/// <summary>
/// Golden collector renders, one folder each under testdata/collector: input.yaml rendered must print exactly
/// expected.yaml and expected.stderr. Set KRM_OTEL_REGEN=1 to rewrite them, then review the diff against spec/collector.md.
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
        var expectedOut = Path.Combine(dir, "expected.yaml");
        var expectedErr = Path.Combine(dir, "expected.stderr");
        if (Environment.GetEnvironmentVariable("KRM_OTEL_REGEN") == "1")
        {
            File.WriteAllText(expectedOut, result.Stdout);
            if (stderr.Length > 0)
                File.WriteAllText(expectedErr, stderr);
            else
                File.Delete(expectedErr);
            return;
        }
        Assert.Equal(File.Exists(expectedErr) ? File.ReadAllText(expectedErr) : "", stderr);
        Assert.Equal(File.ReadAllText(expectedOut), result.Stdout);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rendering_the_output_with_the_collector_again_changes_nothing(string name)
    {
        var dir = Path.Combine(Root, name);
        var input = File.ReadAllText(Path.Combine(dir, "input.yaml"));
        var first = Krm.Run("", "render", Path.Combine(dir, "input.yaml"));
        // the collector was consumed: give it again, as the package that keeps it in Git would
        var kept = first.Documents.Any(d => d?["kind"]?.GetValue<string>() == "OpenTelemetryCollector");
        var second = Krm.Run(kept ? first.Stdout : first.Stdout + "---\n" + input, "render", "-");
        Assert.Equal(first.Exit, second.Exit);
        Assert.Equal(first.Documents.Count, second.Documents.Count);
    }
}

using KrmOtel.IntegrationTests.Infrastructure;
using static KrmOtel.IntegrationTests.KustomizeExpectations;

namespace KrmOtel.IntegrationTests;

/// <summary>
/// examples/kustomization/exec through standalone kustomize 4.5.4 <c>build --enable-alpha-plugins --enable-exec</c>:
/// krm-otel as a KRM exec function (ResourceList in and out), found on PATH by its bare name.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class StandaloneKustomizeTests
{
    private readonly PublishedBinary _binary;

    public StandaloneKustomizeTests(PublishedBinary binary)
    {
        _binary = binary;
    }

    [Fact]
    public void Exec_function_output_matches_the_expected_output()
    {
        using var temp = new TempDirectory();
        var copy = temp.CopyFrom(Example, "kustomization");

        var result = Build(Path.Combine(copy, "exec"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Golden.AssertMatches(Path.Combine(Example, "exec", ".expected", "output.yaml"), result.Stdout, "kustomize build output");
        AssertRendered(result.Stdout);
    }

    [Fact]
    public void Exec_function_refusal_fails_the_build()
    {
        using var temp = new TempDirectory();
        var copy = CopyWithRefusingConfig(temp, Path.Combine("exec", "krm-otel.yaml"));

        var result = Build(Path.Combine(copy, "exec"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Stdout);
        // kustomize passes the function's stderr through, then reports the exit status
        Assert.Contains("enableGoInstrumentation", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("couldn't execute function", result.Stderr, StringComparison.Ordinal);
    }

    private ProcessResult Build(string dir) =>
        ProcessRunner.Run(ExternalTools.Kustomize, ["build", "--enable-alpha-plugins", "--enable-exec", dir], dir,
            new Dictionary<string, string?> { ["PATH"] = _binary.SearchPath });
}

using System.Text.RegularExpressions;
using KrmOtel.IntegrationTests.Infrastructure;
using static KrmOtel.IntegrationTests.KustomizeExpectations;

namespace KrmOtel.IntegrationTests;

/// <summary>
/// examples/kustomization through <c>kubectl kustomize --enable-alpha-plugins</c>: kubectl's built-in kustomize runs
/// krm-otel as a legacy exec plugin found in <c>KUSTOMIZE_PLUGIN_HOME</c>.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class KubectlKustomizeTests
{
    private readonly PublishedBinary _binary;

    public KubectlKustomizeTests(PublishedBinary binary)
    {
        _binary = binary;
    }

    [Fact]
    public void Legacy_plugin_output_matches_the_expected_output()
    {
        using var temp = new TempDirectory();
        var copy = temp.CopyFrom(Example, "kustomization");

        var result = Kustomize(copy);

        Assert.True(result.ExitCode == 0, result.ToString());
        Golden.AssertMatches(Path.Combine(Example, ".expected", "output.yaml"), result.Stdout, "kubectl kustomize output");
        AssertRendered(result.Stdout);
    }

    [Fact]
    public void Legacy_plugin_refusal_fails_the_build_with_the_function_message()
    {
        using var temp = new TempDirectory();
        var copy = CopyWithRefusingConfig(temp, "krm-otel.yaml");
        // what the plugin itself says, given what kubectl gives it: the base's resources and the config file
        var resources = ProcessRunner.Run(ExternalTools.Kubectl, ["kustomize", Path.Combine(copy, "base")], copy);
        Assert.True(resources.ExitCode == 0, resources.ToString());
        var direct = ProcessRunner.Run(_binary.Path, [Path.Combine(copy, "krm-otel.yaml")], copy, stdin: resources.Stdout);
        Assert.True(direct.ExitCode == 1, "the refusing config should make the plugin exit 1\n" + direct);
        Assert.Contains("enableGoInstrumentation", direct.Stderr, StringComparison.Ordinal);

        var result = Kustomize(copy);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Stdout);
        var shown = Unklog(result.Stderr);
        foreach (var line in direct.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Assert.True(shown.Contains(line, StringComparison.Ordinal), $"kubectl's error does not carry the function's message '{line}':\n{result.Stderr}");
    }

    private ProcessResult Kustomize(string dir) =>
        ProcessRunner.Run(ExternalTools.Kubectl, ["kustomize", "--enable-alpha-plugins", dir], dir,
            new Dictionary<string, string?> { ["KUSTOMIZE_PLUGIN_HOME"] = _binary.PluginHome });

    /// <summary>
    /// The kubectl on PATH is a dispatcher that prints errors as klog lines (<c>err="..."</c> with escaped quotes,
    /// or <c>err=&lt;</c> with tab-indented lines); the versioned binaries print <c>error: ...</c>. Reduce both to
    /// the message text.
    /// </summary>
    private static string Unklog(string stderr) =>
        string.Join('\n', stderr.Split('\n').Select(l => KlogEscape().Replace(l.Trim(), m => m.Value[1..])));

    [GeneratedRegex(@"\\[""\\]")]
    private static partial Regex KlogEscape();
}

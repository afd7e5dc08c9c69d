using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;
using static KrmOtel.Tests.Cli.CliSupport;

namespace KrmOtel.Tests.Eject;

/// <summary><c>krm-otel eject PATH... --out DIR [--config FILE]</c>: what it writes, where, and when it refuses.</summary>
public class EjectCommandTests
{
    [Fact]
    public void Eject_writes_the_input_objects_and_a_kustomization_into_a_new_directory()
    {
        using var dir = Krm.Files(("app/instr.yaml", Instr), ("app/deploy.yaml", GoDeployment()), ("app/settings.yaml", ConfigMap), ("config.yaml", GoEnabled));
        var outDir = dir["out/nested"];

        var r = Run("", "eject", dir["app"], "--config", dir["config.yaml"], "--out", outDir);

        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Equal($"{outDir}/resources.yaml\n{outDir}/kustomization.yaml\n", r.Stdout);
        Assert.Equal(["kustomization.yaml", "resources.yaml"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var resources = File.ReadAllText(Path.Combine(outDir, "resources.yaml"));
        // render's selection, in its order (files sorted), each exactly as read; the consumed Instrumentation left out
        Assert.Equal(GoDeployment() + "\n---\n" + ConfigMap + "\n", resources);
        var k = (JsonObject)YamlReader.ReadStream(File.ReadAllText(Path.Combine(outDir, "kustomization.yaml"))).Single().Root!;
        var patch = Assert.Single(k["patches"]!.AsArray())!;
        Assert.Equal("voting", Str(patch["target"]!["name"]));
        Assert.Contains("opentelemetry-auto-instrumentation", Str(patch["patch"]), StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_empty_directory_is_written_into()
    {
        using var dir = Krm.Files(("in.yaml", ConfigMap));
        Directory.CreateDirectory(dir["out"]);
        var r = Run("", "eject", dir["in.yaml"], "--out", dir["out"]);
        Assert.Equal(0, r.Exit);
        Assert.Equal(ConfigMap + "\n", File.ReadAllText(dir["out/resources.yaml"]));
    }

    [Fact]
    public void A_directory_that_is_not_empty_is_refused_with_exit_2_and_left_alone()
    {
        using var dir = Krm.Files(("in.yaml", ConfigMap), ("out/kustomization.yaml", "mine\n"));
        var r = Run("", "eject", dir["in.yaml"], "--out", dir["out"]);
        Assert.Equal(2, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains("not empty", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("mine\n", File.ReadAllText(dir["out/kustomization.yaml"]));
        Assert.Single(Directory.GetFileSystemEntries(dir["out"]));
    }

    [Fact]
    public void A_file_as_out_is_refused_with_exit_2()
    {
        using var dir = Krm.Files(("in.yaml", ConfigMap), ("out", "x"));
        var r = Run("", "eject", dir["in.yaml"], "--out", dir["out"]);
        Assert.Equal(2, r.Exit);
        Assert.Contains("is a file", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eject")]
    [InlineData("eject", "in.yaml")]
    [InlineData("eject", "--out", "x")]
    [InlineData("eject", "in.yaml", "--out")]
    [InlineData("eject", "in.yaml", "--out", "a", "--out", "b")]
    [InlineData("eject", "in.yaml", "--out", "a", "--bogus")]
    public void Usage_errors_exit_2_with_the_usage_line(params string[] args)
    {
        var r = Run("", args);
        Assert.Equal(2, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains("usage: krm-otel eject PATH... --out DIR [--config FILE]", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_render_writes_nothing_and_exits_1()
    {
        // Go without enableGoInstrumentation is an error
        using var dir = Krm.Files(("in.yaml", Instr + "\n---\n" + GoDeployment()));
        var r = Run("", "eject", dir["in.yaml"], "--out", dir["out"]);
        Assert.Equal(1, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains("enableGoInstrumentation", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public void Unreadable_input_writes_nothing_and_exits_1()
    {
        using var dir = Krm.Files();
        var r = Run("", "eject", dir["missing.yaml"], "--out", dir["out"]);
        Assert.Equal(1, r.Exit);
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public void Stdin_is_an_input_as_for_render()
    {
        using var dir = Krm.Files();
        var r = Run(ConfigMap, "eject", "-", "--out", dir["out"]);
        Assert.Equal(0, r.Exit);
        Assert.Equal(ConfigMap + "\n", File.ReadAllText(dir["out/resources.yaml"]));
    }

    [Fact]
    public void Help_lists_eject()
    {
        var r = Run("", "--help");
        Assert.Contains("krm-otel eject PATH... --out DIR [--config FILE]", r.Stdout, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Eject;

/// <summary>
/// The promise of eject, checked with the real tool: <c>kubectl kustomize DIR</c> on what eject wrote gives the objects
/// render gives (as a set: kustomize reorders objects and keys, and may reformat, but must not change a value). Every
/// golden render case with an expected.yaml, and every shared conformance case whose render succeeds (a refused one
/// must be refused by eject too, writing nothing). kubectl missing from PATH fails the test.
/// </summary>
public class KubectlKustomizeEjectTests
{
    public static TheoryData<string> Cases
    {
        get
        {
            var golden = Directory.GetDirectories(Krm.TestData("render"))
                .Where(d => File.Exists(Path.Combine(d, "expected.yaml")))
                .Select(d => "render/" + Path.GetFileName(d));
            var shared = Directory.Exists(ConformanceRoot)
                ? Directory.GetDirectories(ConformanceRoot).Where(d => File.Exists(Path.Combine(d, "input.yaml"))).Select(d => "conformance/" + Path.GetFileName(d))
                : [];
            // the collector cases that change workloads (sidecars) and generate nothing of their own
            var sidecars = Directory.GetDirectories(Krm.TestData("collector"), "sidecar-*")
                .Where(d => File.Exists(Path.Combine(d, "expected.yaml")) && new FileInfo(Path.Combine(d, "expected.yaml")).Length > 0)
                .Select(d => "collector/" + Path.GetFileName(d));
            return new(golden.Concat(shared).Concat(sidecars).Order(StringComparer.Ordinal));
        }
    }

    /// <summary>The shared cases sit next to the repository (as .ci/run finds them): ../shared/conformance/instrumentation.</summary>
    private static string ConformanceRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KrmOtel.sln")))
                dir = dir.Parent;
            return Path.Combine(dir?.Parent?.FullName ?? "/nonexistent", "shared", "conformance", "instrumentation");
        }
    }

    [Fact]
    public void The_shared_conformance_cases_are_found()
    {
        Assert.True(Directory.Exists(ConformanceRoot), $"{ConformanceRoot} is missing: the shared conformance cases are part of the eject check");
        Assert.NotEmpty(Directory.GetDirectories(ConformanceRoot));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kustomize_of_the_ejected_directory_gives_the_render(string name)
    {
        var dir = name.Split('/') switch
        {
            ["conformance", var c] => Path.Combine(ConformanceRoot, c),
            [var folder, var c] => Krm.TestData(folder, c),
            _ => throw new ArgumentException(name),
        };
        var args = new List<string> { Path.Combine(dir, "input.yaml") };
        if (File.Exists(Path.Combine(dir, "config.yaml")))
            args.AddRange(["--config", Path.Combine(dir, "config.yaml")]);
        var render = Krm.Run("", ["render", .. args]);
        using var temp = new TempDir();
        var outDir = temp["ejected"];

        var eject = Krm.Run("", ["eject", .. args, "--out", outDir]);

        if (render.Exit != 0)
        {
            Assert.Equal(render.Exit, eject.Exit);
            Assert.False(Directory.Exists(outDir), "a refused eject wrote " + outDir);
            return;
        }
        Assert.True(eject.Exit == 0, eject.Stderr);
        var kustomize = Kubectl("kustomize", outDir);
        Assert.True(kustomize.Exit == 0, $"kubectl kustomize {outDir} failed:\n{kustomize.Stderr}\n{Files(outDir)}");
        AssertSameObjects(render.Stdout, kustomize.Stdout, outDir);
    }

    /// <summary>The two streams hold the same objects, as a set; the failure shows the difference and the files of <paramref name="outDir"/>.</summary>
    internal static void AssertSameObjects(string rendered, string kustomized, string outDir, string what = "")
    {
        var expected = YamlReader.ReadStream(rendered).Select(d => d.Root).ToList();
        var actual = YamlReader.ReadStream(kustomized).Select(d => d.Root).ToList();
        var missing = new List<JsonNode?>();
        foreach (var e in expected)
        {
            var i = actual.FindIndex(a => JsonNode.DeepEquals(e, a));
            if (i < 0)
                missing.Add(e);
            else
                actual.RemoveAt(i);
        }
        if (missing.Count == 0 && actual.Count == 0)
            return;
        var sb = new StringBuilder(what).Append("kubectl kustomize of the ejected directory differs from render\n");
        foreach (var m in missing)
            sb.Append("--- only in render:\n").Append(YamlWriter.Write(m));
        foreach (var a in actual)
            sb.Append("+++ only in kubectl kustomize:\n").Append(YamlWriter.Write(a));
        Assert.Fail(sb.Append(Files(outDir)).ToString());
    }

    internal static string Files(string dir) =>
        string.Concat(Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(f => $"=== {Path.GetFileName(f)}\n{File.ReadAllText(f)}"));

    internal static (int Exit, string Stdout, string Stderr) Kubectl(params string[] args)
    {
        var kubectl = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "kubectl"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("kubectl is not on PATH, so the eject check cannot run (it fails rather than skips); kubectl is part of this machine image");
        var info = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("kubectl " + string.Join(' ', args) + " timed out");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

using System.Diagnostics;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Properties;

/// <summary>
/// Deterministic (product.md §5): the same input gives byte-identical output and findings, through the render
/// command and through the kpt ResourceList, within one process and across two processes (where string hashing
/// differs) on a package large enough to be rendered on every core.
/// </summary>
public class DeterminismProperties
{
    [Property(MaxTest = 1000, Arbitrary = [typeof(PropertyArbitraries)])]
    public void The_same_package_renders_to_the_same_bytes_and_findings(WorkloadCase c)
    {
        var input = c.Input(c.A);
        var first = Harness.Run(input);
        var second = Harness.Run(input);
        Assert.True(first.Exit == second.Exit, $"exit {first.Exit}, then {second.Exit}{Harness.ReplayHint}");
        Harness.SameText(first.Stdout, second.Stdout, "render output");
        Harness.SameText(first.Stderr, second.Stderr, "render findings (stderr)");

        var list = Harness.ResourceList([c.A, c.Workload], Harness.Config);
        var kptFirst = Krm.Run(list);
        var kptSecond = Krm.Run(list);
        Assert.True(kptFirst.Exit == kptSecond.Exit, $"ResourceList: exit {kptFirst.Exit}, then {kptSecond.Exit}{Harness.ReplayHint}");
        Harness.SameText(kptFirst.Stdout, kptSecond.Stdout, "ResourceList output (results included)");
        Harness.SameText(kptFirst.Stderr, kptSecond.Stderr, "ResourceList stderr");
    }

    /// <summary>
    /// 200 generated packages in one directory (one Instrumentation, several hundred objects: the parallel path),
    /// rendered by two krm-otel processes.
    /// </summary>
    [Fact]
    public async Task Two_processes_render_a_large_generated_package_to_the_same_bytes()
    {
        var seed = (ulong)System.Random.Shared.NextInt64();
        var cases = PropertyArbitraries.WorkloadGen.Sample(200, new FsCheck.Rnd(seed), 60).ToList();
        var files = new List<(string, string)> { ("000-instrumentation.yaml", cases[0].A.Text), ("config.yaml", Harness.Config) };
        files.AddRange(cases.Select((c, i) => ($"pkg/{i:D3}.yaml", YamlText.Stream([c.Workload, .. c.Others]))));
        using var dir = Krm.Files([.. files]);
        File.Move(dir["000-instrumentation.yaml"], Path.Combine(dir.Path, "pkg", "000-instrumentation.yaml"));
        var first = await RunProcess(Path.Combine(dir.Path, "pkg"), dir["config.yaml"]);
        var second = await RunProcess(Path.Combine(dir.Path, "pkg"), dir["config.yaml"]);
        var objects = cases.Sum(c => 1 + c.Others.Count);
        Assert.True(objects >= 256, $"only {objects} objects: not the parallel path");
        Assert.True(first.Exit == second.Exit, $"seed {seed}: exit {first.Exit}, then {second.Exit}");
        Assert.True(first.Stdout.Length > 0, $"seed {seed}: no output\n{first.Stderr}");
        Harness.SameText(first.Stdout, second.Stdout, $"seed {seed} (Sample(200, new Rnd({seed}), 60)): output of two processes");
        Harness.SameText(first.Stderr, second.Stderr, $"seed {seed}: findings of two processes");
    }

    private static async Task<RunResult> RunProcess(string path, string config)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "krm-otel.dll"), "render", path, "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return new RunResult(p.ExitCode, stdout, await stderr);
    }
}

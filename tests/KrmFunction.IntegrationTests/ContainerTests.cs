using System.Text.RegularExpressions;
using KrmOtel.IntegrationTests.Infrastructure;
using static KrmOtel.IntegrationTests.Infrastructure.Manifests;

namespace KrmOtel.IntegrationTests;

/// <summary>
/// The container function path: a scratch image around the published binary (integrations.md §3.2), run by
/// <c>KPT_FN_RUNTIME=podman kpt fn eval --image</c>. Needs a working podman (CI installs <c>podman runc</c>);
/// when podman is missing or cannot run even a trivial scratch image here, the test is skipped with the reason.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class ContainerTests
{
    private const string Image = "localhost/krm-otel:test";
    private const string ProbeImage = "localhost/krm-otel-probe:test";
    private static readonly string ContainersConf = Path.Combine(RepoPaths.Tools, "containers.conf");
    private static readonly GoSidecar Orders = new("demo", "orders", "orders", "1.4.2", "/app/app");

    private const string JavaResourceList = """
        apiVersion: config.kubernetes.io/v1
        kind: ResourceList
        items:
        - apiVersion: opentelemetry.io/v1alpha1
          kind: Instrumentation
          metadata: {name: java, namespace: demo}
          spec: {exporter: {endpoint: "http://otel-collector:4318"}}
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: shop, namespace: demo}
          spec:
            template:
              metadata:
                annotations: {instrumentation.opentelemetry.io/inject-java: "true"}
              spec:
                containers: [{name: shop, image: "example.com/shop:v1"}]
        """;

    private readonly PublishedBinary _binary;

    public ContainerTests(PublishedBinary binary)
    {
        _binary = binary;
    }

    [SkippableFact]
    public void Kpt_eval_with_the_image_injects_the_sidecar()
    {
        var podman = ExternalTools.Find("podman");
        Skip.If(podman is null, "podman is not on PATH (CI installs it with: apt-get install -y podman runc)");
        using var temp = new TempDirectory();
        SkipUnlessPodmanRuns(podman, temp);

        var build = BuildImage(podman, temp.Combine("image"), _binary.Path, "/krm-otel", Image);
        Assert.True(build.ExitCode == 0, build.ToString());
        var empty = Podman(podman, temp.Path, ["run", "--rm", "-i", "--network", "none", "--user", "nobody", Image],
            "{\"apiVersion\":\"config.kubernetes.io/v1\",\"kind\":\"ResourceList\",\"items\":[]}");
        Assert.True(empty.ExitCode == 0 && empty.Stdout.Contains("ResourceList", StringComparison.Ordinal), "the image does not process an empty ResourceList\n" + empty);

        // as a host runs it: the image's own user (no --user), a read-only root filesystem, no capabilities, no network
        var user = Podman(podman, temp.Path, ["image", "inspect", "--format", "{{.Config.User}}", Image]);
        Assert.Equal("65534:65534", user.Stdout.Trim());
        var locked = Podman(podman, temp.Path, ["run", "--rm", "-i", "--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--network", "none", Image],
            JavaResourceList);
        Assert.True(locked.ExitCode == 0 && locked.Stdout.Contains("-javaagent:", StringComparison.Ordinal), "the image does not inject on a read-only root filesystem as a non-root user\n" + locked);

        var pkg = temp.CopyFrom(RepoPaths.Example("kpt"), "pkg");
        var result = ProcessRunner.Run(ExternalTools.Kpt,
            ["fn", "eval", pkg, "--image", Image, "--fn-config", Path.Combine(pkg, "fn-config.yaml"), "-o", "unwrap"], temp.Path,
            new Dictionary<string, string?> { ["KPT_FN_RUNTIME"] = "podman", ["CONTAINERS_CONF"] = ContainersConf });

        Assert.True(result.ExitCode == 0, result.ToString());
        Orders.AssertInjected(Parse(result.Stdout).Get("Deployment", "orders"),
            Load(RepoPaths.Example("kpt", "deployment.yaml")).Get("Deployment", "orders"));
        // the collector's ConfigMap is named with a SHA-256, which .NET computes with the OpenSSL of the image
        Assert.Single(Parse(result.Stdout).OfKind("ConfigMap"), c => Scalar(c, "metadata", "name")?.StartsWith("otel-collector-", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void The_Dockerfile_runs_the_final_image_as_a_non_root_user()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile"));
        var final = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        Assert.Contains("\nUSER 65534:65534\n", final, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"/usr/local/bin/krm-otel\"]", final, StringComparison.Ordinal);
        Assert.DoesNotContain("\nRUN ", final, StringComparison.Ordinal); // nothing runs in the final stage: no shell needed
    }

    /// <summary>Builds and runs a scratch image holding only /bin/true: failures here are podman's, not krm-otel's.</summary>
    private static void SkipUnlessPodmanRuns(string podman, TempDirectory temp)
    {
        var probe = BuildImage(podman, temp.Combine("probe"), "/bin/true", "/true", ProbeImage);
        Skip.If(probe.ExitCode != 0, $"podman cannot build a scratch image here (exit {probe.ExitCode}): {LastLine(probe.Stderr)}");
        var run = Podman(podman, temp.Path, ["run", "--rm", "--network", "none", "--user", "nobody", ProbeImage]);
        Skip.If(run.ExitCode != 0, $"podman cannot run a scratch image here (exit {run.ExitCode}): {LastLine(run.Stderr)}");
    }

    /// <summary>
    /// FROM scratch: the executable, the glibc libraries ldd names, OpenSSL (which .NET loads when it first hashes, and
    /// which the Dockerfile's runtime-deps base image carries) and /etc/passwd with nobody (kpt runs --user nobody).
    /// </summary>
    private static ProcessResult BuildImage(string podman, string dir, string executable, string target, string tag)
    {
        var rootfs = Path.Combine(dir, "rootfs");
        Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
        CopyInto(rootfs, executable, target);
        foreach (var library in SharedLibraries(executable).Concat(OpenSsl().SelectMany(l => SharedLibraries(l).Append(l))).Distinct())
            CopyInto(rootfs, library, library);
        File.WriteAllText(Path.Combine(rootfs, "etc", "passwd"),
            "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n");
        File.WriteAllText(Path.Combine(rootfs, "etc", "group"), "root:x:0:\nnogroup:x:65534:\n");
        File.WriteAllText(Path.Combine(dir, "Containerfile"), $"FROM scratch\nCOPY rootfs/ /\nUSER 65534:65534\nENTRYPOINT [\"{target}\"]\n");
        return Podman(podman, dir, ["build", "-t", tag, dir]);
    }

    private static IEnumerable<string> SharedLibraries(string executable)
    {
        var ldd = ProcessRunner.Run("ldd", [executable], Path.GetTempPath());
        Assert.True(ldd.ExitCode == 0, ldd.ToString());
        return ldd.Stdout.Split('\n').Select(l => LddPath().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct();
    }

    private static IEnumerable<string> OpenSsl()
    {
        var cache = ProcessRunner.Run("ldconfig", ["-p"], Path.GetTempPath());
        Assert.True(cache.ExitCode == 0, cache.ToString());
        foreach (var name in new[] { "libssl.so.3", "libcrypto.so.3" })
        {
            var line = cache.Stdout.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal) && l.Contains("x86-64", StringComparison.Ordinal));
            Assert.True(line is not null, $"{name} is not installed here (apt-get install libssl3)");
            yield return line[(line.IndexOf("=> ", StringComparison.Ordinal) + 3)..].Trim();
        }
    }

    private static void CopyInto(string rootfs, string source, string target)
    {
        var path = Path.Combine(rootfs, target.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(source, path, overwrite: true); // follows symlinks: the image gets the real file
        File.SetUnixFileMode(path, File.GetUnixFileMode(source) | UnixFileMode.OtherRead | UnixFileMode.GroupRead);
    }

    private static ProcessResult Podman(string podman, string dir, IEnumerable<string> arguments, string? stdin = null) =>
        ProcessRunner.Run(podman, arguments, dir, new Dictionary<string, string?> { ["CONTAINERS_CONF"] = ContainersConf }, stdin, TimeSpan.FromMinutes(3));

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";

    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"
    [GeneratedRegex(@"(/\S+)\s+\(0x[0-9a-f]+\)")]
    private static partial Regex LddPath();
}

using System.Text.RegularExpressions;
using KrmOtel.IntegrationTests.Infrastructure;

namespace KrmOtel.IntegrationTests;

/// <summary>
/// The published binary on a package naming URLs, files and commands, watched by strace: it executes nothing (one
/// execve, its own), opens no socket, opens every file read-only and creates, renames or deletes nothing; and it
/// renders the same without a network (<c>unshare -n</c>). Skipped with the reason where strace or unshare cannot run.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class SyscallTests(PublishedBinary binary)
{
    private const string Traced = "execve,execveat,fork,vfork,connect,socket,bind,sendto,open,openat,openat2,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,rmdir,symlink,symlinkat,link,linkat,truncate,chmod,fchmodat";

    private static string Package(TempDirectory temp, string canary)
    {
        var dir = Directory.CreateDirectory(temp.Combine("pkg")).FullName;
        File.WriteAllText(Path.Combine(dir, "app.yaml"), $$"""
            apiVersion: opentelemetry.io/v1alpha1
            kind: Instrumentation
            metadata:
              name: demo-instrumentation
              namespace: demo
            spec:
              exporter:
                endpoint: http://169.254.169.254:4318/latest/meta-data
              java:
                image: "example.com/x:1;touch {{canary}}-image"
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop
              namespace: demo
              annotations:
                config.kubernetes.io/path: ../../{{canary}}.yaml
                config.kubernetes.io/function: |
                  exec:
                    path: /bin/touch
            spec:
              template:
                metadata:
                  annotations:
                    instrumentation.opentelemetry.io/inject-java: "true"
                spec:
                  containers:
                  - name: shop
                    image: example.com/shop:v1
                    command: [/bin/sh, -c, "touch {{canary}}-command"]
                    env:
                    - name: FETCH
                      value: https://example.com/payload.yaml
                    - name: SHELL_OUT
                      value: $(touch {{canary}}-shell)
            ---
            apiVersion: opentelemetry.io/v1beta1
            kind: OpenTelemetryCollector
            metadata:
              name: otel
              namespace: demo
            spec:
              config:
                receivers:
                  otlp:
                    protocols:
                      grpc: {}
                exporters:
                  file:
                    path: {{canary}}-file
                  otlphttp:
                    endpoint: https://example.com:4318
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [file, otlphttp]
            """);
        File.CreateSymbolicLink(Path.Combine(dir, "passwd.yaml"), "/etc/passwd");
        return dir;
    }

    [SkippableFact]
    public void Render_executes_nothing_opens_no_socket_and_writes_nothing()
    {
        var strace = ExternalTools.Find("strace");
        Skip.If(strace is null, "strace is not on PATH (apt-get install -y strace)");
        using var temp = new TempDirectory();
        var canary = temp.Combine("canary");
        var package = Package(temp, canary);
        var log = temp.Combine("trace.log");

        foreach (var args in new[] { new[] { "render", package }, ["doctor", package], ["eject", package, "--out", temp.Combine("out")] })
        {
            var run = ProcessRunner.Run(strace, ["-f", "-qq", "-e", "trace=" + Traced, "-o", log, "--", binary.Path, .. args], temp.Path);
            Skip.If(run.ExitCode != 0 && run.Stderr.Contains("PTRACE", StringComparison.Ordinal), "strace cannot trace here: " + run.Stderr);
            Assert.True(run.ExitCode == 0, run.ToString());
            var calls = File.ReadAllLines(log);

            Assert.Single(calls, c => Call(c) is "execve" or "execveat"); // the binary itself, started by strace
            Assert.DoesNotContain(calls, c => Call(c) is "fork" or "vfork" or "connect" or "socket" or "bind" or "sendto");
            Assert.DoesNotContain(calls, c => c.Contains("canary", StringComparison.Ordinal) || c.Contains("/etc/passwd", StringComparison.Ordinal));
            if (args[0] != "eject")
            {
                Assert.All(calls.Where(c => Call(c) is "open" or "openat" or "openat2" or "creat"), c => Assert.Contains("O_RDONLY", c, StringComparison.Ordinal));
                Assert.DoesNotContain(calls, c => Call(c) is "mkdir" or "mkdirat" or "rename" or "renameat" or "renameat2" or "unlink" or "unlinkat" or "rmdir"
                    or "symlink" or "symlinkat" or "link" or "linkat" or "truncate" or "chmod" or "fchmodat");
            }
            else
            {
                // eject writes its files into --out and nowhere else
                Assert.All(calls.Where(c => Call(c) is "open" or "openat" && !c.Contains("O_RDONLY", StringComparison.Ordinal)),
                    c => Assert.Contains(temp.Combine("out") + "/", c, StringComparison.Ordinal));
            }
        }
        Assert.Equal(["app.yaml", "passwd.yaml"], Directory.GetFileSystemEntries(package).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(temp.Path, "canary*"));
    }

    [SkippableFact]
    public void Render_needs_no_network()
    {
        var unshare = ExternalTools.Find("unshare");
        Skip.If(unshare is null, "unshare (util-linux) is not on PATH");
        using var temp = new TempDirectory();
        var package = Package(temp, temp.Combine("canary"));
        var probe = ProcessRunner.Run(unshare, ["-rn", "true"], temp.Path);
        Skip.If(probe.ExitCode != 0, "unshare -rn cannot create a network namespace here: " + probe.Stderr);

        var offline = ProcessRunner.Run(unshare, ["-rn", binary.Path, "render", package], temp.Path);
        var online = ProcessRunner.Run(binary.Path, ["render", package], temp.Path);

        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.Contains("-javaagent:", offline.Stdout, StringComparison.Ordinal);
        Assert.Equal(online.Stdout, offline.Stdout);
    }

    // "1234 openat(AT_FDCWD, ..." -> openat; "1234 +++ exited" -> ""
    private static string Call(string line) => CallName().Match(line) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex(@"^\d+\s+([a-z0-9_]+)\(")]
    private static partial Regex CallName();
}

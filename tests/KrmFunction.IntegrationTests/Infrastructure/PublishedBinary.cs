namespace KrmOtel.IntegrationTests.Infrastructure;

/// <summary>
/// The Native AOT binary under test: <c>$KRM_OTEL_BIN</c> when set, else <c>./build.sh publish</c> is run once
/// and <c>artifacts/bin/krm-otel</c> is used. Exposes it the two ways the tools look for it: a directory to put
/// first on PATH (holding <c>krm-otel</c>) and a kustomize plugin home (holding
/// <c>fn.krm-otel.dev/v1alpha1/krmotel/KrmOtel</c>).
/// </summary>
public sealed class PublishedBinary : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(9);
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly TempDirectory _links = new();

    public PublishedBinary()
    {
        Path = Published.Value;
        // readable and traversable by other users: the Argo CD test runs the binary as uid 999
        File.SetUnixFileMode(_links.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        BinDirectory = Directory.CreateDirectory(_links.Combine("bin")).FullName;
        File.CreateSymbolicLink(System.IO.Path.Combine(BinDirectory, "krm-otel"), Path);

        PluginHome = _links.Combine("plugins");
        var pluginDir = Directory.CreateDirectory(System.IO.Path.Combine(PluginHome, "fn.krm-otel.dev", "v1alpha1", "krmotel")).FullName;
        File.CreateSymbolicLink(System.IO.Path.Combine(pluginDir, "KrmOtel"), Path);
    }

    /// <summary>Absolute path of the binary.</summary>
    public string Path { get; }

    /// <summary>A directory whose only entry is <c>krm-otel</c>, a link to the binary.</summary>
    public string BinDirectory { get; }

    /// <summary>A <c>KUSTOMIZE_PLUGIN_HOME</c> holding the legacy exec plugin link.</summary>
    public string PluginHome { get; }

    /// <summary>PATH with <see cref="BinDirectory"/> first, as kpt, kustomize and Argo CD's sidecar see it.</summary>
    public string SearchPath => BinDirectory + System.IO.Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

    public void Dispose() => _links.Dispose();

    private static string Publish()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("KRM_OTEL_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            var full = System.IO.Path.GetFullPath(fromEnvironment);
            if (!File.Exists(full))
                throw new InvalidOperationException($"KRM_OTEL_BIN={fromEnvironment} does not exist");
            return full;
        }

        var result = ProcessRunner.Run(System.IO.Path.Combine(RepoPaths.Root, "build.sh"), ["publish"], RepoPaths.Root, timeout: PublishTimeout);
        var binary = System.IO.Path.Combine(RepoPaths.Root, "artifacts", "bin", "krm-otel");
        if (result.ExitCode != 0 || !File.Exists(binary))
            throw new InvalidOperationException($"./build.sh publish failed (set KRM_OTEL_BIN to test a binary built elsewhere)\n{result}");
        return binary;
    }
}

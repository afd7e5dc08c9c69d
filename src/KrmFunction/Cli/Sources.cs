using KrmOtel.Model;

namespace KrmOtel.Cli;

/// <summary>
/// The files a render reads: named files, YAML and JSON files under named directories (sorted; hidden entries and
/// kustomization files skipped), or stdin.
/// </summary>
public static class Sources
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];
    private static readonly string[] KustomizeFiles = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static List<(string Path, Func<ReadOnlyMemory<byte>> Read)> Expand(IEnumerable<string> paths, StdStreams io, List<Finding> findings)
    {
        var result = new List<(string, Func<ReadOnlyMemory<byte>>)>();
        foreach (var path in paths)
        {
            if (path == "-")
                result.Add(("<stdin>", io.ReadStdinUtf8));
            else if (File.Exists(path))
                result.Add((path, () => TextInput.ReadFileUtf8(path)));
            else if (Directory.Exists(path))
                Walk(path, Path.GetFullPath(path), path, path, [Path.GetFullPath(path).TrimEnd('/')], result, findings);
            else
                findings.Add(new Finding(Severity.Error, $"{path}: no such file or directory"));
        }
        return result;
    }

    // Hidden entries (.git, .expected) are skipped; a symlink is followed only while it stays inside the root, and
    // a directory reached twice (a link loop) is read once.
    private static void Walk(string dir, string root, string rootShown, string shown, HashSet<string> visited, List<(string, Func<ReadOnlyMemory<byte>>)> result, List<Finding> findings)
    {
        var entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Name.StartsWith('.') || KustomizeFiles.Contains(entry.Name))
                continue;
            var display = shown is "." or "./" ? entry.Name : Path.Combine(shown, entry.Name);
            var real = entry.FullName;
            if (entry.LinkTarget is not null)
            {
                var target = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null || !(target + "/").StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal))
                {
                    findings.Add(new Finding(Severity.Warning, $"{display}: symbolic link to outside {rootShown} not followed"));
                    continue;
                }
                if (!File.Exists(target) && !Directory.Exists(target))
                {
                    findings.Add(new Finding(Severity.Warning, $"{display}: symbolic link to nothing, not read"));
                    continue;
                }
                real = target;
            }
            if (entry is DirectoryInfo sub)
            {
                if (!visited.Add(real.TrimEnd('/')))
                {
                    findings.Add(new Finding(Severity.Warning, $"{display}: directory already read through a symbolic link, not read again"));
                    continue;
                }
                Walk(sub.FullName, root, rootShown, display, visited, result, findings);
            }
            else if (Extensions.Contains(Path.GetExtension(entry.Name), StringComparer.OrdinalIgnoreCase))
                result.Add((display, () => TextInput.ReadFileUtf8(entry.FullName, display)));
        }
    }
}

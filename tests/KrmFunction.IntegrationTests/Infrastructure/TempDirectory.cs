namespace KrmOtel.IntegrationTests.Infrastructure;

/// <summary>A scratch directory under the system temp directory, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("krm-otel-it-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Copies <paramref name="source"/> (recursively, hidden files included) to <c>Path/relativeTarget</c>.</summary>
    public string CopyFrom(string source, string relativeTarget)
    {
        var target = Combine(relativeTarget);
        CopyDirectory(source, target);
        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean; a failing cleanup must not hide the test result
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(source))
            CopyDirectory(dir, System.IO.Path.Combine(target, System.IO.Path.GetFileName(dir)));
    }

    /// <summary>Every file below <paramref name="root"/> with its bytes, keyed by relative path.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string root)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            files[System.IO.Path.GetRelativePath(root, file)] = File.ReadAllBytes(file);
        return files;
    }
}

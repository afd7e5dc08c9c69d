using System.Text.Json.Nodes;
using KrmOtel.Cli;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Support;

public sealed record RunResult(int Exit, string Stdout, string Stderr)
{
    public List<JsonNode?> Documents => YamlReader.ReadStream(Stdout).Select(d => d.Root).ToList();

    public JsonObject ResourceList => (JsonObject)YamlReader.ReadStream(Stdout).Single().Root!;
}

/// <summary>Runs the CLI in-process on given stdin, as the binary would.</summary>
public static class Krm
{
    public static RunResult Run(string stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = Entry.Run(args, new StdStreams(() => stdin, stdout, stderr));
        return new RunResult(exit, stdout.ToString(), stderr.ToString());
    }

    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);

    /// <summary>The same path in the source tree (where regenerated golden files belong), found above the test binary.</summary>
    public static string SourceTestData(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KrmFunction.Tests.csproj")))
            dir = dir.Parent;
        return Path.Combine([dir?.FullName ?? throw new DirectoryNotFoundException("KrmFunction.Tests.csproj above " + AppContext.BaseDirectory), "testdata", .. parts]);
    }

    /// <summary>A temporary directory holding the given files, deleted on dispose.</summary>
    public static TempDir Files(params (string Name, string Text)[] files)
    {
        var dir = new TempDir();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(dir.Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        return dir;
    }

    /// <summary>Wraps YAML documents as the items of a ResourceList, as kpt sends them.</summary>
    public static string ResourceList(string itemsYaml, string? functionConfig = null, string apiVersion = "config.kubernetes.io/v1")
    {
        var docs = itemsYaml.Split("\n---\n", StringSplitOptions.RemoveEmptyEntries);
        var sb = new System.Text.StringBuilder($"apiVersion: {apiVersion}\nkind: ResourceList\nitems:\n");
        foreach (var doc in docs)
            sb.Append(Indent(doc.Trim('\n').TrimStart('-').TrimStart('\n'), first: "- "));
        if (functionConfig is not null)
            sb.Append("functionConfig:\n").Append(Indent(functionConfig.Trim('\n'), first: "  "));
        return sb.ToString();
    }

    private static string Indent(string text, string first)
    {
        var lines = text.Split('\n');
        return string.Join("", lines.Select((l, i) => (i == 0 ? first : (l.Length == 0 ? "" : "  ")) + l + "\n"));
    }
}

public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("krm-otel-test-").FullName;

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

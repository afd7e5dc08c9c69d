using System.Text;
using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Properties;

/// <summary>Runs renders in-process for the properties and says precisely how two results differ.</summary>
public static class Harness
{
    public const string Config = "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  enableGoInstrumentation: true\n";

    private static readonly Lazy<string> ConfigFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"krm-otel-properties-{Environment.ProcessId}.yaml");
        File.WriteAllText(path, Config);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    public static string ConfigPath => ConfigFile.Value;

    /// <summary>Appended to every property failure: how to run the failing case again.</summary>
    public const string ReplayHint = "\n--- Replay: put the (seed,gamma) pair FsCheck prints after \"Falsifiable\" into the attribute, [Property(MaxTest = 1000, Replay = \"(seed,gamma)\", ...)]";

    /// <summary><c>krm-otel render - --config</c> (Go allowed) on <paramref name="input"/>.</summary>
    public static RunResult Run(string input) => Krm.Run(input, "render", "-", "--config", ConfigPath);

    /// <summary>The rendered stream; fails when the render does not exit 0.</summary>
    public static string Render(string input, string what, bool replay = true)
    {
        var r = Run(input);
        if (r.Exit != 0)
            Assert.Fail($"{what}: render exited {r.Exit}\nstderr:\n{r.Stderr}\ninput:\n{input}{(replay ? ReplayHint : "")}");
        return r.Stdout;
    }

    /// <summary>A ResourceList as kpt sends it: each document an item (re-indented from its text), then the function config.</summary>
    public static string ResourceList(IEnumerable<YDoc> docs, string? functionConfig = null)
    {
        var sb = new StringBuilder("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n");
        foreach (var doc in docs)
            YamlWriter.AppendSequenceItemSource(sb, doc.Text[..^1], 0);
        if (functionConfig is not null)
        {
            sb.Append("functionConfig:\n");
            foreach (var line in functionConfig.TrimEnd('\n').Split('\n'))
                sb.Append("  ").Append(line).Append('\n');
        }
        return sb.ToString();
    }

    public static List<JsonNode?> Parse(string yaml) => YamlReader.ReadStream(yaml).Select(d => d.Root).ToList();

    /// <summary>A stream split at its `---` lines (krm-otel never writes one inside a document).</summary>
    public static List<string> Documents(string stream)
    {
        var docs = new List<string>();
        var current = new StringBuilder();
        foreach (var line in stream.Split('\n').SkipLast(1))
        {
            if (line == "---")
            {
                docs.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(line).Append('\n');
        }
        docs.Add(current.ToString());
        return docs;
    }

    /// <summary>Fails with the first differing line of two texts and both texts in full.</summary>
    public static void SameText(string expected, string actual, string what, bool replay = true)
    {
        if (expected == actual)
            return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
            line++;
        Assert.Fail($"{what}: texts differ at line {line + 1}:\n  expected: {Show(e, line)}\n  actual:   {Show(a, line)}\n--- expected:\n{expected}--- actual:\n{actual}{(replay ? ReplayHint : "")}");
    }

    public static void SameTree(JsonNode? expected, JsonNode? actual, string what, bool replay = true)
    {
        if (!JsonNode.DeepEquals(expected, actual))
            Assert.Fail($"{what}: objects differ\n--- expected:\n{YamlWriter.Write(expected)}--- actual:\n{YamlWriter.Write(actual)}--- expected (JSON): {expected?.ToJsonString()}\n--- actual (JSON):   {actual?.ToJsonString()}{(replay ? ReplayHint : "")}");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Show(string[] lines, int i) => i < lines.Length ? System.Text.Json.JsonSerializer.Serialize(lines[i], Relaxed) : "(end of text)";
}

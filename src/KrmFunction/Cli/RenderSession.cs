using KrmOtel.Config;
using KrmOtel.Model;
using KrmOtel.Protocol;
using KrmOtel.Rendering;

namespace KrmOtel.Cli;

/// <summary><c>PATH... [--config FILE]</c>, and eject's <c>--out DIR</c>: what render, eject and images take.</summary>
public sealed record RenderArgs(IReadOnlyList<string> Paths, string? ConfigFile, string? OutDir)
{
    /// <returns>the arguments, or the usage error in plain words</returns>
    public static (RenderArgs? Args, string? Error) Parse(IReadOnlyList<string> args, string command, bool takesOut = false)
    {
        var paths = new List<string>();
        string? configFile = null;
        string? outDir = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Count && configFile is null)
                configFile = args[++i];
            else if (takesOut && args[i] == "--out" && i + 1 < args.Count && outDir is null)
                outDir = args[++i];
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
                return (null, $"unknown or repeated option {args[i]}");
            else
                paths.Add(args[i]);
        }
        if (paths.Count == 0)
            return (null, $"{command} needs at least one PATH (a file, a directory, or - for stdin)");
        return (new RenderArgs(paths, configFile, outDir), null);
    }
}

/// <summary>
/// What render, eject and images share: the objects read from the paths (the function config taken out), the loaded
/// config, every finding so far, and one render. The commands decide what to write; findings go to stderr at the end.
/// </summary>
public sealed class RenderSession
{
    private readonly LoadedConfig loaded;

    private RenderSession(List<Resource> items, LoadedConfig loaded, List<Finding> findings)
    {
        Items = items;
        this.loaded = loaded;
        Findings = findings;
    }

    /// <summary>The objects to render, as read (the render edits them in place).</summary>
    public IReadOnlyList<Resource> Items { get; }

    public List<Finding> Findings { get; }

    public Severity FailOn => loaded.Config.FailOn;

    public static RenderSession Read(RenderArgs args, StdStreams io)
    {
        var findings = new List<Finding>();
        return Read(args, ReadAll(args, io, findings), findings);
    }

    /// <summary>The UTF-8 text of every file the paths name, in order (the findings get what cannot be read).</summary>
    public static List<(string Path, ReadOnlyMemory<byte> Text)> ReadAll(RenderArgs args, StdStreams io, List<Finding> findings) =>
        Sources.Expand(args.Paths, io, findings).ConvertAll(s => (s.Path, s.Read()));

    /// <param name="args">the command's arguments</param>
    /// <param name="texts">what <see cref="ReadAll"/> gave</param>
    /// <param name="findings">the findings of reading so far</param>
    public static RenderSession Read(RenderArgs args, IReadOnlyList<(string Path, ReadOnlyMemory<byte> Text)> texts, List<Finding> findings)
    {
        var items = new List<Resource>();
        foreach (var (path, text) in texts)
            items.AddRange(StreamCodec.Read(System.Text.Encoding.UTF8.GetString(text.Span), path, findings, skipKustomize: true));
        var loaded = LoadConfig(args.ConfigFile, items, findings);
        findings.AddRange(loaded.Findings);
        items.RemoveAll(IsFunctionConfig);
        if (items.Count == 0 && !findings.Any(f => f.Severity == Severity.Error))
            findings.Add(NothingFound(args));
        return new RenderSession(items, loaded, findings);
    }

    /// <summary>Renders unless reading failed; null when there is nothing to write (an error, or a refusal).</summary>
    public RenderResult? Render()
    {
        if (Findings.Any(f => f.Severity == Severity.Error))
            return null;
        var result = Renderer.Render(Items, loaded.Config, loaded.GeneratorItem is { } g ? [g] : null);
        Findings.AddRange(result.Findings);
        return result.Refused(FailOn) ? null : result;
    }

    /// <summary>Reports the findings on stderr and gives the exit code.</summary>
    public int Finish(TextWriter stderr)
    {
        Outcome.Report(stderr, Findings, Severity.Warning);
        return Outcome.Summarise(stderr, Findings, FailOn);
    }

    public static Finding NothingFound(RenderArgs args) => new(Severity.Error, $"no Kubernetes objects found in {string.Join(" ", args.Paths)}");

    /// <summary>--config wins; else a single KrmOtel object among the inputs is the config (as kpt's configPath file would be).</summary>
    public static LoadedConfig LoadConfig(string? configFile, List<Resource> items, List<Finding> findings)
    {
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                findings.Add(new Finding(Severity.Error, $"--config {configFile}: no such file"));
                return new LoadedConfig(KrmOtelConfig.Default, [], null);
            }
            var docs = StreamCodec.Read(TextInput.ReadFile(configFile), configFile, findings);
            if (docs.Count != 1)
            {
                findings.Add(new Finding(Severity.Error, $"--config {configFile}: expected one object, found {docs.Count}", File: new FileRef(configFile, 0)));
                return new LoadedConfig(KrmOtelConfig.Default, [], null);
            }
            return ConfigLoader.Load(docs[0].Node, docs[0].File);
        }
        var inline = items.Where(IsFunctionConfig).ToList();
        if (inline.Count > 1)
        {
            findings.Add(new Finding(Severity.Error, $"{inline.Count} {ConfigSchema.Kind} configs among the inputs ({string.Join(", ", inline.Select(i => i.File?.Path))}); keep one or pass --config"));
            return new LoadedConfig(KrmOtelConfig.Default, [], null);
        }
        return ConfigLoader.Load(inline.Count == 1 ? inline[0].Node : null, inline.Count == 1 ? inline[0].File : null);
    }

    public static bool IsFunctionConfig(Resource r) => r.Is(ConfigSchema.Group, ConfigSchema.Kind);
}

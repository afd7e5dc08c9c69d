using KrmOtel.Config;
using KrmOtel.Model;
using KrmOtel.Protocol;
using KrmOtel.Rendering;

namespace KrmOtel.Cli;

/// <summary>
/// <c>krm-otel render PATH... [--config FILE]</c>: for Argo CD, CI and people. A plain stream meant for a cluster:
/// local-config objects and the function config are left out, tool annotations stripped; nothing on a refusal.
/// </summary>
public static class RenderCommand
{
    public static int Run(IReadOnlyList<string> args, StdStreams io)
    {
        var paths = new List<string>();
        string? configFile = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Count && configFile is null)
                configFile = args[++i];
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
                return Usage(io, $"unknown or repeated option {args[i]}");
            else
                paths.Add(args[i]);
        }
        if (paths.Count == 0)
            return Usage(io, "render needs at least one PATH (a file, a directory, or - for stdin)");

        var findings = new List<Finding>();
        var items = new List<Resource>();
        foreach (var (path, read) in Sources.Expand(paths, io, findings))
            items.AddRange(StreamCodec.Read(read(), path, findings, skipKustomize: true));
        var loaded = LoadConfig(configFile, items, findings);
        findings.AddRange(loaded.Findings);
        items.RemoveAll(IsFunctionConfig);
        if (items.Count == 0 && !findings.Any(f => f.Severity == Severity.Error))
            findings.Add(new Finding(Severity.Error, $"no Kubernetes objects found in {string.Join(" ", paths)}"));
        var failOn = loaded.Config.FailOn;
        if (!findings.Any(f => f.Severity == Severity.Error))
        {
            var result = Renderer.Render(items, loaded.Config, loaded.GeneratorItem is { } g ? [g] : null);
            findings.AddRange(result.Findings);
            if (!result.Refused(failOn))
            {
                io.Out.Write(StreamCodec.Write(result.Items.Where(i => !i.IsLocalConfig), forCluster: true));
                io.Out.Flush();
            }
        }
        Outcome.Report(io.Error, findings, Severity.Warning);
        return Outcome.Summarise(io.Error, findings, failOn);
    }

    // --config wins; else a single KrmOtel object among the inputs is the config (as kpt's configPath file would be).
    private static LoadedConfig LoadConfig(string? configFile, List<Resource> items, List<Finding> findings)
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

    private static bool IsFunctionConfig(Resource r) => r.Is(ConfigSchema.Group, ConfigSchema.Kind);

    private static int Usage(StdStreams io, string message)
    {
        io.Error.WriteLine("krm-otel: " + message);
        io.Error.WriteLine("usage: krm-otel render PATH... [--config FILE]");
        return Outcome.Usage;
    }
}

using KrmOtel.Config;
using KrmOtel.Model;
using KrmOtel.Protocol;
using KrmOtel.Rendering;

namespace KrmOtel.Cli;

/// <summary>kustomize's legacy exec plugin: argv[1] is the config file, stdin and stdout plain streams.</summary>
public static class LegacyPluginCommand
{
    public static int Run(string configFile, StdStreams io)
    {
        var findings = new List<Finding>();
        var configItems = StreamCodec.Read(TextInput.ReadFile(configFile), configFile, findings);
        var loaded = ConfigLoader.Load(configItems.Count > 0 ? configItems[0].Node : null);
        findings.AddRange(loaded.Findings);
        var items = StreamCodec.Read(io.ReadStdin(), null, findings);
        var failOn = loaded.Config.FailOn;
        if (!findings.Any(f => f.Severity == Severity.Error))
        {
            var result = Renderer.Render(items, loaded.Config, loaded.GeneratorItem is { } g ? [g] : null);
            findings.AddRange(result.Findings);
            if (!result.Refused(failOn))
            {
                StreamCodec.Write(io.Out, result.Items, forCluster: false);
                io.Out.Flush();
            }
        }
        Outcome.Report(io.Error, findings, Severity.Warning);
        return Outcome.Summarise(io.Error, findings, failOn);
    }
}

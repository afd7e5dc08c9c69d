using KrmOtel.Config;
using KrmOtel.Model;
using KrmOtel.Protocol;
using KrmOtel.Rendering;

namespace KrmOtel.Cli;

/// <summary>kpt and kustomize functions: ResourceList in, ResourceList out, results included.</summary>
public static class ResourceListCommand
{
    public static int Run(StdStreams io)
    {
        var bytes = io.ReadStdinUtf8();
        return StreamedResourceList.Run(bytes, io) ?? Whole(System.Text.Encoding.UTF8.GetString(bytes.Span), io);
    }

    /// <summary>The whole envelope read into trees at once: what the streamed render must agree with, and what does it otherwise.</summary>
    public static int Whole(string text, StdStreams io)
    {
        var findings = new List<Finding>();
        var input = ResourceListCodec.Read(text, findings);
        var loaded = ConfigLoader.Load(input.FunctionConfig);
        findings.AddRange(loaded.Findings);
        var failOn = loaded.Config.FailOn;
        if (findings.Any(f => f.Severity == Severity.Error))
            return Refuse(io, text, input.ApiVersion, findings, failOn);
        var result = Renderer.Render(input.Items, loaded.Config, loaded.GeneratorItem is { } g ? [g] : null);
        findings.AddRange(result.Findings);
        if (result.Refused(failOn))
            return Refuse(io, text, input.ApiVersion, findings, failOn);
        io.Out.Write(ResourceListCodec.Write(input.ApiVersion, result.Items, findings));
        io.Out.Flush();
        Outcome.Report(io.Error, findings, Severity.Warning); // kustomize drops results: stderr is all its users see
        return Outcome.Ok;
    }

    // On a refused render the items go back exactly as they came, with the results (kpt shows results from stdout only).
    private static int Refuse(StdStreams io, string text, string apiVersion, List<Finding> findings, Severity failOn)
    {
        var untouched = ResourceListCodec.Read(text, []).Items;
        io.Out.Write(ResourceListCodec.Write(apiVersion, untouched, findings));
        io.Out.Flush();
        Outcome.Report(io.Error, findings, failOn);
        return Outcome.Summarise(io.Error, findings, failOn);
    }
}

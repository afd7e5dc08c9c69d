using KrmOtel.Model;
using KrmOtel.Protocol;

namespace KrmOtel.Cli;

/// <summary>
/// <c>krm-otel render PATH... [--config FILE]</c>: for Argo CD, CI and people. A plain stream meant for a cluster:
/// local-config objects and the function config are left out, tool annotations stripped; nothing on a refusal.
/// </summary>
public static class RenderCommand
{
    public static int Run(IReadOnlyList<string> args, StdStreams io)
    {
        var (parsed, error) = RenderArgs.Parse(args, "render");
        if (parsed is null)
            return Usage(io, error!);
        var findings = new List<Finding>();
        var texts = RenderSession.ReadAll(parsed, io, findings);
        if (StreamedRender.Run(parsed, texts, findings) is { } streamed)
        {
            streamed.Write(io.Out);
            io.Out.Flush();
            Outcome.Report(io.Error, streamed.Findings, Severity.Warning);
            return Outcome.Summarise(io.Error, streamed.Findings, streamed.FailOn);
        }
        var session = RenderSession.Read(parsed, texts, findings);
        if (session.Render() is { } result)
        {
            StreamCodec.Write(io.Out, result.Items.Where(i => !i.IsLocalConfig), forCluster: true);
            io.Out.Flush();
        }
        return session.Finish(io.Error);
    }

    private static int Usage(StdStreams io, string message)
    {
        io.Error.WriteLine("krm-otel: " + message);
        io.Error.WriteLine("usage: krm-otel render PATH... [--config FILE]");
        return Outcome.Usage;
    }
}

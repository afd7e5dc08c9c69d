using System.Text.Json.Nodes;
using KrmOtel.Instrumentation;
using KrmOtel.Model;

namespace KrmOtel.Cli;

/// <summary>
/// <c>krm-otel images PATH... [--config FILE]</c>: for air-gapped mirroring. Renders, then prints every image of a
/// container or init container the render added (a name the input object did not have) that the object did not
/// already use, sorted, once each.
/// </summary>
public static class ImagesCommand
{
    public static int Run(IReadOnlyList<string> args, StdStreams io)
    {
        var (parsed, error) = RenderArgs.Parse(args, "images");
        if (parsed is null)
        {
            io.Error.WriteLine("krm-otel: " + error);
            io.Error.WriteLine("usage: krm-otel images PATH... [--config FILE]");
            return Outcome.Usage;
        }
        var session = RenderSession.Read(parsed, io);
        var before = session.Items.ToDictionary(i => i, i => (Containers(i).Select(c => c.Name).ToHashSet(StringComparer.Ordinal), Containers(i).Select(c => c.Image ?? "").ToHashSet(StringComparer.Ordinal)));
        if (session.Render() is { } result)
        {
            foreach (var image in Added(result.Items.Where(i => !i.IsLocalConfig), before))
                io.Out.WriteLine(image);
            io.Out.Flush();
        }
        return session.Finish(io.Error);
    }

    /// <summary>
    /// The images of the containers each object has beyond the names it had before (all, when it is new), less the
    /// images it already named (the Apache/Nginx clone runs the application's own image).
    /// </summary>
    /// <param name="before">each input object's container names and images</param>
    public static IReadOnlyList<string> Added(IEnumerable<Resource> output, IReadOnlyDictionary<Resource, (HashSet<string> Names, HashSet<string> Images)> before) =>
        output
            .SelectMany(item => Containers(item)
                .Where(c => !(before.TryGetValue(item, out var had) && (had.Names.Contains(c.Name) || had.Images.Contains(c.Image ?? ""))))
                .Select(c => c.Image))
            .OfType<string>()
            .Where(i => i.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<(string Name, string? Image)> Containers(Resource item)
    {
        var spec = WorkloadKind.Of(item)?.Template(item.Node).At("spec");
        foreach (var list in new[] { "initContainers", "containers" })
        {
            if (spec.At(list) is not JsonArray containers)
                continue;
            foreach (var c in containers)
                yield return (c.At("name").AsString() ?? "", c.At("image").AsString());
        }
    }
}

using KrmOtel.Config;
using KrmOtel.Model;

namespace KrmOtel.Rendering;

/// <summary>The render's outcome: the items to write and every finding.</summary>
public sealed record RenderResult(IReadOnlyList<Resource> Items, IReadOnlyList<Finding> Findings)
{
    public bool Refused(Severity failOn) => Findings.Any(f => f.Severity >= failOn);
}

/// <summary>The pure core: (items, config) → (items, findings). No I/O.</summary>
public static class Renderer
{
    /// <param name="items">what the render writes back, changed where instrumented</param>
    /// <param name="config">the loaded function config</param>
    /// <param name="sources">objects read but never written (a generator-style function config)</param>
    public static RenderResult Render(IReadOnlyList<Resource> items, KrmOtelConfig config, IReadOnlyList<Resource>? sources = null)
    {
        var findings = new List<Finding>();
        var plan = RenderPlan.Build(items.Where(RenderPlan.IsGlobal), config, sources, findings);
        // workloads are independent and everything they share is read-only: both cores work, the findings keep item order
        var perItem = new List<Finding>[items.Count];
        var outputs = new List<Resource>[items.Count];
        Parallel.For(0, items.Count, Workers(items.Count), i =>
        {
            perItem[i] = [];
            outputs[i] = [];
            plan.Item(items[i], perItem[i], outputs[i]);
        });
        var output = new List<Resource>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            findings.AddRange(perItem[i]);
            output.AddRange(outputs[i]);
        }
        plan.Finish(findings, output);
        return new RenderResult(output, findings);
    }

    /// <summary>One worker for small inputs (no thread start-up cost), every core for large ones.</summary>
    public static ParallelOptions Workers(int items) => new() { MaxDegreeOfParallelism = items < 256 ? 1 : Environment.ProcessorCount };
}

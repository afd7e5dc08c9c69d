using KrmOtel.Model;

namespace KrmOtel.Cli;

/// <summary>Exit codes and the plain stderr lines every host shows (kustomize shows nothing else).</summary>
public static class Outcome
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;

    public static void Report(TextWriter stderr, IEnumerable<Finding> findings, Severity least)
    {
        foreach (var f in findings.Where(f => f.Severity >= least))
            stderr.WriteLine("krm-otel: " + f);
    }

    public static int Summarise(TextWriter stderr, IReadOnlyList<Finding> findings, Severity failOn)
    {
        var refusing = findings.Count(f => f.Severity >= failOn);
        if (refusing == 0)
            return Ok;
        stderr.WriteLine($"krm-otel: render refused: {refusing} finding(s) at or above {failOn.ToString().ToLowerInvariant()}");
        return Refused;
    }
}

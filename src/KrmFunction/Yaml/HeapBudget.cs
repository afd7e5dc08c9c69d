using System.Runtime;

namespace KrmOtel.Yaml;

/// <summary>
/// A render is one short batch whose objects nearly all live until the output is written: collecting while they are
/// built only copies them from generation to generation, and on a large live heap each collection marks all of it
/// (a third of the instructions at 1,000 Deployments, more than half at 10,000). So before a stream is parsed, the
/// process asks for a region without collections sized for what rendering it allocates (about 140 bytes a character
/// of input, measured), at most half the memory the process may use and 4 GiB. Past the budget, or where the runtime
/// refuses it, the collector works as usual. The cost is memory: garbage is kept until the process exits.
/// </summary>
public static class HeapBudget
{
    private const long BytesPerChar = 160;
    private const long Floor = 64L << 20;
    private const long Ceiling = 4L << 30;
    private const long SmallInput = 1L << 18; // a config file, a small package: collections cost little there

    public static void ForInput(long chars)
    {
        if (chars < SmallInput || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            return;
        var limit = Math.Min(Ceiling, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);
        var budget = Math.Clamp(chars * BytesPerChar, Floor, Math.Max(Floor, limit));
        try
        {
            GC.TryStartNoGCRegion(budget);
        }
        catch (ArgumentOutOfRangeException)
        {
            // more than the runtime can reserve: collect as usual
        }
        catch (InvalidOperationException)
        {
            // a region is in progress already (an earlier stream of this process; the latency mode does not always say)
        }
    }
}

using System.Text;
using KrmOtel.Cli;
using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Cli;

/// <summary>How a hostile case reaches the binary: as bytes on stdin, decoded by the real stdin path.</summary>
public enum Feed
{
    /// <summary><c>krm-otel render -</c>, the text a plain stream.</summary>
    Render,

    /// <summary><c>krm-otel</c>, the text wrapped as the items of a YAML ResourceList (the kpt path).</summary>
    ResourceList,

    /// <summary><c>krm-otel</c>, the bytes verbatim on stdin (a ResourceList in YAML or JSON, or not one).</summary>
    Raw,

    /// <summary><c>krm-otel doctor -</c>: the same pipeline, a table on stdout.</summary>
    Doctor,
}

/// <summary>
/// One hostile input and what must come of it: the exit code and the words stderr must hold (object, field, file).
/// <paramref name="Identity"/>: on success the render writes the input back byte for byte.
/// </summary>
public sealed record HostileCase(Feed Feed, Func<byte[]> Stdin, int Exit, string[] Expected, bool Identity = false)
{
    public static HostileCase Refused(Feed feed, string text, params string[] expected) => new(feed, () => Utf8(text), 1, expected);

    public static HostileCase Rendered(Feed feed, string text, bool identity = false) => new(feed, () => Utf8(text), 0, [], identity);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>Runs a case in-process with a deadline: a hang fails the test instead of stalling the run.</summary>
public static class HostileRun
{
    /// <summary>Generous on a loaded 2-core machine: only a hang or a runaway loop gets near it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public static RunResult Run(HostileCase c)
    {
        var bytes = c.Stdin();
        var input = c.Feed == Feed.ResourceList ? HostileCase.Utf8(Krm.ResourceList(Encoding.UTF8.GetString(bytes))) : bytes;
        string[] args = c.Feed switch
        {
            Feed.Render => ["render", "-"],
            Feed.Doctor => ["doctor", "-"],
            _ => [],
        };
        return Bytes(input, args);
    }

    /// <summary>The CLI on these stdin bytes, decoded as the process decodes stdin; an escaping exception is exit 134.</summary>
    public static RunResult Bytes(byte[] stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var io = new StdStreams(() => TextInput.Read(new MemoryStream(stdin), "stdin"), stdout, stderr);
        return Within(() => new RunResult(Entry.Run(args, io), stdout.ToString(), stderr.ToString()));
    }

    /// <summary>The run, failing the test if it takes past the <see cref="Deadline"/>.</summary>
    public static RunResult Within(Func<RunResult> run)
    {
        var task = Task.Run(run);
        try
        {
            Assert.True(task.Wait(Deadline), $"no answer within {Deadline}: krm-otel hangs on this input");
            return task.Result;
        }
        catch (AggregateException e)
        {
            return new RunResult(134, "", "Unhandled exception. " + e.InnerException);
        }
    }
}

/// <summary>
/// The hostile suite feeds tens of megabytes: it runs alone, after the parallel tests, so that it does not slow the
/// timed cases of <see cref="BadInputTests"/> on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyCollection
{
    public const string Name = "heavy inputs, alone";
}

using System.Text;
using Xunit.Sdk;

namespace KrmOtel.IntegrationTests.Infrastructure;

/// <summary>
/// Byte-for-byte comparison with a checked-in expected file. The tests never rewrite expected files:
/// on a mismatch the actual text goes to a temp file named in the failure, and
/// <c>tests/tools/regen-expected.sh</c> regenerates them all with the real tools.
/// </summary>
public static class Golden
{
    private const int Context = 4;

    public static void AssertMatches(string expectedPath, string actual, string what)
    {
        if (!File.Exists(expectedPath))
            throw new XunitException($"{what}: expected file {expectedPath} is missing (run tests/tools/regen-expected.sh, then review it)");

        var expected = File.ReadAllText(expectedPath);
        if (expected == actual)
            return;

        var saved = Path.Combine(Path.GetTempPath(), "krm-otel-mismatch-" + Guid.NewGuid().ToString("N")[..8] + "-" + Path.GetFileName(expectedPath));
        File.WriteAllText(saved, actual);
        throw new XunitException($"{what} differs from {Path.GetRelativePath(RepoPaths.Root, expectedPath)} (actual saved to {saved})\n{FirstDifference(expected, actual)}");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i])
            i++;

        var text = new StringBuilder($"first difference at line {i + 1}:\n");
        for (var k = Math.Max(0, i - Context); k < i; k++)
            text.Append("  ").Append(e[k]).Append('\n');
        for (var k = i; k < Math.Min(e.Length, i + Context); k++)
            text.Append("- ").Append(e[k]).Append('\n');
        for (var k = i; k < Math.Min(a.Length, i + Context); k++)
            text.Append("+ ").Append(a[k]).Append('\n');
        return text.ToString();
    }
}

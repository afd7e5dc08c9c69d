using System.Text;
using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Yaml;

/// <summary>Streams over 1 MB are parsed in pieces on every core; the result must be the one-pass reader's.</summary>
public class ParallelChunksTests
{
    [Fact]
    public void A_large_stream_reads_exactly_as_in_one_pass()
    {
        var files = Directory.GetFiles(Krm.TestData("identity"), "*.yaml").Order(StringComparer.Ordinal)
            .Where(f => !File.ReadAllText(f).Contains("\n%")) // a directive sends the stream to the one-pass reader
            .Select(File.ReadAllText).ToList();
        var sb = new StringBuilder();
        while (sb.Length < 3 << 20)
        {
            foreach (var f in files)
                sb.Append(sb.Length == 0 ? "" : "---\n").Append(f.TrimStart('-', '\n'));
        }
        var text = sb.ToString();
        var parallel = YamlReader.ReadStream(text);
        var onePass = YamlReader.ReadStreamInOnePass(text);
        Assert.Equal(onePass.Count, parallel.Count);
        for (var i = 0; i < onePass.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(onePass[i].Root, parallel[i].Root), $"document {i}");
            Assert.Equal(onePass[i].Source, parallel[i].Source);
            Assert.Equal(onePass[i].Line, parallel[i].Line);
        }
    }

    [Fact]
    public void An_error_in_a_large_stream_is_reported_as_the_one_pass_reader_reports_it()
    {
        var doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: v\n";
        var text = string.Concat(Enumerable.Repeat("---\n" + doc, 40_000)) + "---\na: [1, 2\nb: 3\n" + string.Concat(Enumerable.Repeat("---\n" + doc, 100));
        var one = Assert.Throws<YamlInputException>(() => YamlReader.ReadStreamInOnePass(text));
        var split = Assert.Throws<YamlInputException>(() => YamlReader.ReadStream(text));
        Assert.Equal(one.Message, split.Message);
        Assert.Equal(one.Line, split.Line);
    }
}

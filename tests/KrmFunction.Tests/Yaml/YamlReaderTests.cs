using System.Text.Json.Nodes;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Yaml;

public class YamlReaderTests
{
    [Fact]
    public void Quoted_scalars_stay_strings_and_plain_ones_resolve()
    {
        var doc = YamlReader.ReadStream("a: 'yes'\nb: yes\nc: \"0777\"\nd: 0777\ne: \"~\"\nf: ~\ng: '1e3'\nh: 1e3\n")[0].Root!;
        Assert.Equal("""{"a":"yes","b":true,"c":"0777","d":511,"e":"~","f":null,"g":"1e3","h":1e3}""", doc.ToJsonString());
    }

    [Fact]
    public void Key_order_is_kept()
    {
        var doc = YamlReader.ReadStream("z: 1\na: 2\nm: 3\n")[0].Root!.AsObject();
        Assert.Equal(["z", "a", "m"], doc.Select(p => p.Key));
    }

    [Fact]
    public void Block_strings_keep_their_content()
    {
        var doc = YamlReader.ReadStream("a: |\n  x\n   y\nb: |-\n  x\nc: |+\n  x\n\nd: >\n  folded\n  text\ne: x\n")[0].Root!;
        Assert.Equal("x\n y\n", doc["a"]!.GetValue<string>());
        Assert.Equal("x", doc["b"]!.GetValue<string>());
        Assert.Equal("x\n\n", doc["c"]!.GetValue<string>());
        Assert.Equal("folded text\n", doc["d"]!.GetValue<string>());
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_expand()
    {
        var doc = YamlReader.ReadStream("base: &b {x: 1, y: 2}\nother: &o {z: 3}\nm:\n  <<: [*b, *o]\n  y: 9\nl: *b\n")[0].Root!;
        Assert.Equal("""{"x":1,"y":9,"z":3}""", doc["m"]!.ToJsonString());
        Assert.Equal("""{"x":1,"y":2}""", doc["l"]!.ToJsonString());
    }

    [Fact]
    public void An_explicit_key_after_a_merge_wins()
    {
        var doc = YamlReader.ReadStream("b: &b {x: 1}\nm:\n  <<: *b\n  x: 2\n")[0].Root!;
        Assert.Equal("""{"x":2}""", doc["m"]!.ToJsonString());
    }

    [Fact]
    public void Json_documents_are_read()
    {
        var docs = YamlReader.ReadStream("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"x\"}}\n---\n{\"a\": [1, 2.5, true, null, \"s\"]}\n");
        Assert.Equal(2, docs.Count);
        Assert.Null(docs[0].Source); // flow style is re-emitted as block YAML
        Assert.Equal("""{"a":[1,2.5,true,null,"s"]}""", docs[1].Root!.ToJsonString());
    }

    [Fact]
    public void Document_source_keeps_comments_and_drops_markers()
    {
        var docs = YamlReader.ReadStream("# head\n---\n# Source: chart/a.yaml\na: 1 # trailing\n...\n---\nb: 'q'\n");
        Assert.Equal("# head\n# Source: chart/a.yaml\na: 1 # trailing", docs[0].Source);
        Assert.Equal("b: 'q'", docs[1].Source);
    }

    [Fact]
    public void Envelope_items_keep_their_source_relative_to_their_indentation()
    {
        var (root, items) = YamlReader.ReadEnvelope("apiVersion: v1\nitems:\n  - a: 1\n    b: |\n      x\n    # inside\n    c: 'y'\n  # between\n  - {d: 2}\nfunctionConfig: {}\n", "items");
        Assert.NotNull(root);
        Assert.Equal(2, items.Count);
        Assert.Equal("a: 1\nb: |\n  x\n# inside\nc: 'y'", items[0].Source);
        Assert.Null(items[1].Source);
        Assert.Equal("""{"d":2}""", items[1].Root!.ToJsonString());
    }

    [Fact]
    public void An_alias_to_an_anchor_outside_the_item_makes_its_source_unusable()
    {
        var (_, items) = YamlReader.ReadEnvelope("x: &a {k: v}\nitems:\n- a: *a\n- b: 1\n", "items");
        Assert.Null(items[0].Source);
        Assert.Equal("""{"a":{"k":"v"}}""", items[0].Root!.ToJsonString());
        Assert.Equal("b: 1", items[1].Source);
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", "duplicate key \"a\"", 2)]
    [InlineData("a: [1, 2\n", "", 2)]
    [InlineData("a: *nope\n", "unknown alias", 1)]
    [InlineData("a:\n  - b\n c: d\n", "", 3)]
    [InlineData("? [a, b]\n: c\n", "mapping key must be a scalar", 1)]
    [InlineData("m:\n  <<: 3\n", "merge key", 2)]
    public void Malformed_yaml_is_refused_with_its_line(string yaml, string message, long line)
    {
        var e = Assert.Throws<YamlInputException>(() => YamlReader.ReadStream(yaml));
        Assert.Contains(message, e.Message);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void An_alias_bomb_is_bounded()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 12; i++)
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        var e = Assert.Throws<YamlInputException>(() => YamlReader.ReadStream(string.Join("\n", lines)));
        Assert.Contains("alias", e.Message);
    }

    [Fact]
    public void Deep_nesting_is_bounded()
    {
        var yaml = new string('[', 500) + new string(']', 500);
        var e = Assert.Throws<YamlInputException>(() => YamlReader.ReadStream(yaml));
        Assert.Contains("nesting deeper", e.Message);
    }

    [Fact]
    public void Document_count_and_size_are_bounded()
    {
        var limits = new YamlLimits(MaxInputChars: 100, MaxDocuments: 3, MaxDepth: 10, MaxAliasNodes: 10);
        Assert.Contains("above the limit", Assert.Throws<YamlInputException>(() => YamlReader.ReadStream(new string('a', 101), limits)).Message);
        Assert.Contains("more than 3 documents", Assert.Throws<YamlInputException>(() => YamlReader.ReadStream("a: 1\n---\nb: 1\n---\nc: 1\n---\nd: 1\n", limits)).Message);
    }

    [Fact]
    public void Tags_decide_the_type()
    {
        var doc = YamlReader.ReadStream("a: !!str 123\nb: !!int \"5\"\nc: !custom plain\n")[0].Root!;
        Assert.Equal("""{"a":"123","b":5,"c":"plain"}""", doc.ToJsonString());
    }

    [Fact]
    public void Empty_documents_are_dropped()
    {
        Assert.Empty(YamlReader.ReadStream(""));
        Assert.Single(YamlReader.ReadStream("---\n---\na: 1\n---\n"));
        Assert.IsType<JsonObject>(YamlReader.ReadStream("a: {}\n")[0].Root!["a"]);
    }
}

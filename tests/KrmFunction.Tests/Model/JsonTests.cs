using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using KrmOtel.Model;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Model;

/// <summary>
/// <see cref="Json.AsString"/> reads a string value by its kind and ToString, not through the generic virtual
/// TryGetValue&lt;string&gt;: for every kind of node the function's trees hold, both must agree.
/// </summary>
public class JsonTests
{
    // every way a value gets into a tree: made, parsed from JSON (the record annotation), read from YAML, cloned
    public static TheoryData<string, JsonNode?> Nodes()
    {
        var yaml = YamlReader.ReadStream("s: text\nq: \"true\"\ne: ''\nu: é ☃\ni: 12\nf: 1.5\nbig: 123456789012345678901234567890\nb: true\nn: null\no: {a: b}\nl: [x]\n")[0].Root!.AsObject();
        var parsed = JsonNode.Parse("""{"s":"x\u0041","i":3,"b":false,"n":null,"o":{},"l":[]}""")!.AsObject();
        var data = new TheoryData<string, JsonNode?>
        {
            { "made string", JsonValue.Create("abc") },
            { "made empty string", JsonValue.Create("") },
            { "made long", JsonValue.Create(7L) },
            { "made bool", JsonValue.Create(true) },
            { "raw number", RawNumber.Create("1e400") },
            { "null", null },
            { "object", new JsonObject() },
            { "array", new JsonArray() },
        };
        foreach (var (key, value) in yaml)
        {
            data.Add("yaml " + key, value);
            data.Add("yaml clone " + key, value?.DeepClone());
        }
        foreach (var (key, value) in parsed)
        {
            data.Add("json " + key, value);
            data.Add("json clone " + key, value?.DeepClone());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Nodes))]
    public void AsString_agrees_with_TryGetValue(string what, JsonNode? node)
    {
        string? expected = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        Assert.True(expected == node.AsString(), $"{what}: expected {expected ?? "null"}, got {node.AsString() ?? "null"}");
    }

    [Fact]
    public void AsString_reads_what_the_yaml_said()
    {
        var root = YamlReader.ReadStream("s: text\nq: \"true\"\nu: é ☃\ni: 12\n")[0].Root!;
        Assert.Equal(["text", "true", "é ☃", null], new[] { "s", "q", "u", "i" }.Select(k => root[k].AsString()));
    }

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public bool Any_string_is_read_back_as_itself(NonNull<string> s) =>
        JsonValue.Create(s.Get).AsString() == s.Get
        && JsonValue.Create(s.Get).DeepClone().AsString() == s.Get
        && (s.Get.Any(char.IsSurrogate) || JsonNode.Parse(JsonValue.Create(s.Get).ToJsonString()).AsString() == s.Get);
}

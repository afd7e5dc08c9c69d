using System.Text.Json.Nodes;
using KrmOtel.Config;
using KrmOtel.Patching;
using KrmOtel.Protocol;
using KrmOtel.Rendering;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Instrumentation;

/// <summary>Injection is a list of RFC 6902 operations, kept as data: replayed on the input they give the output.</summary>
public class PatchRecordTests
{
    public static TheoryData<string> Injected => new(Directory.GetDirectories(Krm.TestData("render"))
        .Where(d => File.Exists(Path.Combine(d, "expected.yaml")) && File.ReadAllText(Path.Combine(d, "expected.yaml")).Contains("opentelemetry-auto-instrumentation"))
        .Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Injected))]
    public void Replaying_the_recorded_operations_on_the_input_gives_the_output(string name)
    {
        var (items, result) = Render(name);
        var changed = result.Items.Where(i => i.Patch.Count > 0).ToList();
        Assert.NotEmpty(changed);
        foreach (var item in changed)
        {
            var original = items.Single(i => i.Kind == item.Kind && i.Name == item.Name).Node;
            var replayed = KrmOtel.Yaml.YamlReader.ReadStream(original is null ? "" : YamlWriter.Write(OriginalOf(name, item)))[0].Root!;
            PatchApplier.Apply(replayed, item.Patch);
            Assert.True(JsonNode.DeepEquals(item.Node, replayed), $"{item.Kind}/{item.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(Injected))]
    public void No_operation_replaces_a_map_or_list_the_user_owns(string name)
    {
        var (_, result) = Render(name);
        foreach (var op in result.Items.SelectMany(i => i.Patch))
        {
            Assert.Equal(PatchKind.Add, op.Op);
            // an append to a list, a new key, or the record annotation: never the whole annotations, containers or volumes
            var tokens = JsonPointer.Parse(op.Path);
            var last = tokens[^1];
            var createsAnnotations = op.Path == "/metadata/annotations" && op.Value!.AsObject().Select(p => p.Key).SequenceEqual(["krm-otel.dev/injected"]);
            Assert.True(last == "-" || last is "shareProcessNamespace" or "volumes" or "containers" or "krm-otel.dev/injected" || createsAnnotations, op.Path);
        }
    }

    private static JsonObject OriginalOf(string name, KrmOtel.Model.Resource item) =>
        (JsonObject)YamlReader.ReadStream(File.ReadAllText(Path.Combine(Krm.TestData("render"), name, "input.yaml")))
            .Select(d => d.Root).Single(r => r!["kind"]!.GetValue<string>() == item.Kind && r["metadata"]!["name"]!.GetValue<string>() == item.Name)!;

    private static (List<KrmOtel.Model.Resource> Items, RenderResult Result) Render(string name)
    {
        var dir = Path.Combine(Krm.TestData("render"), name);
        var findings = new List<KrmOtel.Model.Finding>();
        var items = StreamCodec.Read(File.ReadAllText(Path.Combine(dir, "input.yaml")), "input.yaml", findings);
        var config = ConfigLoader.Load((JsonObject)YamlReader.ReadStream(File.ReadAllText(Path.Combine(dir, "config.yaml")))[0].Root!).Config;
        var inputs = items.ToList();
        return (inputs, Renderer.Render(items, config));
    }
}

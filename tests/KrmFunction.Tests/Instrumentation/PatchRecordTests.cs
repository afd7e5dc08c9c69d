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
        .Where(d => File.Exists(Path.Combine(d, "expected.yaml")) && File.ReadAllText(Path.Combine(d, "expected.yaml")).Contains("krm-otel.dev/injected"))
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
            var replayed = YamlReader.ReadStream(YamlWriter.Write(OriginalOf(name, item)))[0].Root!;
            PatchApplier.Apply(replayed, item.Patch);
            Assert.True(JsonNode.DeepEquals(item.Node, replayed), $"{item.Kind}/{item.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(Injected))]
    public void No_operation_replaces_a_map_or_list_the_user_owns(string name)
    {
        var (_, result) = Render(name);
        string[] createdLists = ["volumes", "containers", "initContainers", "env", "volumeMounts"];
        foreach (var (item, op) in result.Items.SelectMany(i => i.Patch.Select(op => (i, op))))
        {
            var last = JsonPointer.Parse(op.Path)[^1];
            switch (op.Op)
            {
                case PatchKind.Replace:
                    Assert.True(last == "value", $"replace of {op.Path}: only an env value is ever replaced");
                    break;
                case PatchKind.Remove:
                    // an env entry moved to the end, or (Apache/Nginx, which add the config clone) the app's mount over the config dir
                    var webServer = item.Patch.Any(p => (p.Value is JsonArray a ? a : [p.Value?.DeepClone()]).Any(c => c is JsonObject o && o["name"]?.GetValue<string>() == "otel-agent-source-container-clone"));
                    Assert.Matches(webServer ? @"/(env|volumeMounts)/\d+$" : @"/env/\d+$", op.Path);
                    break;
                default:
                    var createsAnnotations = op.Path == "/metadata/annotations" && op.Value!.AsObject().Select(p => p.Key).SequenceEqual(["krm-otel.dev/injected"]);
                    var createsList = createdLists.Contains(last) && op.Value is JsonArray;
                    Assert.True(last == "-" || last.All(char.IsAsciiDigit) || last is "shareProcessNamespace" or "krm-otel.dev/injected" or "value" || createsList || createsAnnotations, op.Path);
                    break;
            }
        }
    }

    private static JsonObject OriginalOf(string name, KrmOtel.Model.Resource item) =>
        (JsonObject)YamlReader.ReadStream(File.ReadAllText(Path.Combine(Krm.TestData("render"), name, "input.yaml")))
            .Select(d => d.Root).Single(r => r!["kind"]!.GetValue<string>() == item.Kind && r["metadata"]!["name"]!.GetValue<string>() == item.Name
                && r["metadata"]!["namespace"]?.GetValue<string>() == item.Namespace)!;

    private static (List<KrmOtel.Model.Resource> Items, RenderResult Result) Render(string name)
    {
        var dir = Path.Combine(Krm.TestData("render"), name);
        var findings = new List<KrmOtel.Model.Finding>();
        var items = StreamCodec.Read(File.ReadAllText(Path.Combine(dir, "input.yaml")), "input.yaml", findings);
        var configFile = Path.Combine(dir, "config.yaml");
        var config = File.Exists(configFile) ? ConfigLoader.Load((JsonObject)YamlReader.ReadStream(File.ReadAllText(configFile))[0].Root!).Config : KrmOtelConfig.Default;
        var inputs = items.ToList();
        return (inputs, Renderer.Render(items, config));
    }
}

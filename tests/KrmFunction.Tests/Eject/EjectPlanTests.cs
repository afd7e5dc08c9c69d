using System.Text.Json.Nodes;
using KrmOtel.Eject;
using KrmOtel.Model;
using KrmOtel.Patching;
using KrmOtel.Protocol;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Eject;

/// <summary>The file plan: (inputs as read, render output) → resources.yaml, generated.yaml, kustomization.yaml.</summary>
public class EjectPlanTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web.v1
          namespace: demo
        spec:
          template:
            spec:
              containers:
              - name: app
                image: example.com/web:v1   # kept as written
        """;

    private const string ConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          octal: '0777'
          flow: [a,  b]
        """;

    [Fact]
    public void Untouched_objects_are_written_exactly_as_read_and_need_no_patch()
    {
        var items = Read(ConfigMap + "\n---\n" + Deployment);
        var plan = EjectPlan.Build(Capture(items), items);

        Assert.Empty(plan.Findings);
        Assert.Equal([EjectPlan.Resources, EjectPlan.Kustomization], plan.Files.Select(f => f.Path));
        Assert.Equal(ConfigMap + "\n---\n" + Deployment + "\n", Text(plan, EjectPlan.Resources));
        var k = Kustomization(plan);
        Assert.Equal("kustomize.config.k8s.io/v1beta1", k["apiVersion"]!.GetValue<string>());
        Assert.Equal("Kustomization", k["kind"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(new JsonArray("resources.yaml"), k["resources"]));
        Assert.Null(k["patches"]);
    }

    [Fact]
    public void A_changed_object_is_written_as_read_with_its_operations_as_one_patch_in_order()
    {
        var items = Read(ConfigMap + "\n---\n" + Deployment);
        var originals = Capture(items);
        var deployment = items[1];
        PatchOp[] ops =
        [
            PatchOp.Add("/spec/template/spec/containers/-", new JsonObject { ["name"] = "sidecar", ["image"] = "example.com/agent:v2", ["args"] = new JsonArray("true", "0777") }),
            PatchOp.Add("/spec/template/spec/shareProcessNamespace", true),
            PatchOp.Replace("/spec/template/spec/containers/0/image", "example.com/web:v2"),
            PatchOp.Remove("/spec/template/spec/shareProcessNamespace"),
        ];
        foreach (var op in ops)
            deployment.Apply(op);

        var plan = EjectPlan.Build(originals, items);

        Assert.Empty(plan.Findings);
        Assert.Equal(ConfigMap + "\n---\n" + Deployment + "\n", Text(plan, EjectPlan.Resources));
        var patch = Assert.Single(Kustomization(plan)["patches"]!.AsArray())!;
        var target = new JsonObject { ["group"] = "apps", ["version"] = "v1", ["kind"] = "Deployment", ["name"] = @"web\.v1", ["namespace"] = "demo" };
        Assert.True(JsonNode.DeepEquals(target, patch["target"]), patch["target"]!.ToJsonString());
        var written = YamlReader.ReadStream(patch["patch"]!.GetValue<string>()).Single().Root;
        Assert.True(JsonNode.DeepEquals(new JsonArray([.. ops.Select(o => (JsonNode)o.ToJson())]), written), patch["patch"]!.GetValue<string>());
        Assert.Contains("  patch: |\n    - op: add\n", Text(plan, EjectPlan.Kustomization), StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_changes_neither_its_inputs_nor_the_render_output()
    {
        var items = Read("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              annotations:
                config.kubernetes.io/path: p.yaml
            spec:
              containers: []
            """);
        var originals = Capture(items);
        items[0].Apply(PatchOp.Add("/spec/containers/-", new JsonObject { ["name"] = "a" }));
        var before = items[0].Node.DeepClone();
        var original = originals[0].Node.DeepClone();

        EjectPlan.Build(originals, items);

        Assert.True(JsonNode.DeepEquals(before, items[0].Node));
        Assert.True(JsonNode.DeepEquals(original, originals[0].Node));
    }

    [Fact]
    public void Objects_left_out_of_the_output_are_left_out_of_resources()
    {
        var items = Read(ConfigMap + "\n---\n" + Deployment);
        var plan = EjectPlan.Build(Capture(items), [items[1]]);
        Assert.Equal(Deployment + "\n", Text(plan, EjectPlan.Resources));
    }

    [Fact]
    public void Objects_the_render_generated_go_to_generated_yaml()
    {
        var items = Read(ConfigMap);
        var made = Read(Deployment)[0];
        var plan = EjectPlan.Build(Capture(items), [items[0], made]);

        Assert.Empty(plan.Findings);
        Assert.Equal([EjectPlan.Resources, EjectPlan.Generated, EjectPlan.Kustomization], plan.Files.Select(f => f.Path));
        Assert.Equal(Deployment + "\n", Text(plan, EjectPlan.Generated));
        Assert.True(JsonNode.DeepEquals(new JsonArray("resources.yaml", "generated.yaml"), Kustomization(plan)["resources"]));
    }

    [Fact]
    public void No_output_gives_a_kustomization_without_resources()
    {
        var plan = EjectPlan.Build(Capture(Read(ConfigMap)), []);
        Assert.Equal([EjectPlan.Kustomization], plan.Files.Select(f => f.Path));
        Assert.Null(Kustomization(plan)["resources"]);
    }

    [Fact]
    public void An_object_read_from_json_is_written_as_block_yaml_of_the_input()
    {
        var items = Read("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":{"n":"0777","b":"true"}}""");
        var originals = Capture(items);
        items[0].Apply(PatchOp.Add("/data/x", "1"));
        var plan = EjectPlan.Build(originals, items);

        Assert.Empty(plan.Findings);
        var written = YamlReader.ReadStream(Text(plan, EjectPlan.Resources)).Single().Root;
        Assert.True(JsonNode.DeepEquals(originals[0].Node, written));
        Assert.Null(written!["data"]!["x"]);
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":{"t":"a\n\n"}}""")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: k\n  annotations:\n    config.kubernetes.io/index: '0'\ndata:\n  t: |+\n    a\n\n")]
    public void A_last_block_string_keeps_its_trailing_newlines(string input)
    {
        var items = Read(input + "\n---\n" + ConfigMap);
        items.Reverse(); // the block string last in resources.yaml too
        var originals = Capture(items);
        var plan = EjectPlan.Build(originals, items);

        var docs = YamlReader.ReadStream(Text(plan, EjectPlan.Resources)).Select(d => d.Root).ToList();
        Assert.Equal(2, docs.Count);
        Assert.StartsWith("a\n\n", originals[1].Node["data"]!["t"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(originals[1].Node["data"]!["t"]!.GetValue<string>(), docs[1]!["data"]!["t"]!.GetValue<string>());
    }

    [Fact]
    public void Tool_annotations_are_stripped_from_resources_as_render_strips_them()
    {
        var items = Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              annotations:
                config.kubernetes.io/path: c.yaml
                kustomize.config.k8s.io/behavior: merge
                team: a
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: d
              annotations:
                config.kubernetes.io/index: '1'
            """);
        var plan = EjectPlan.Build(Capture(items), items);

        var docs = YamlReader.ReadStream(Text(plan, EjectPlan.Resources)).Select(d => d.Root).ToList();
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["team"] = "a" }, docs[0]!["metadata"]!["annotations"]));
        Assert.Null(docs[1]!["metadata"]!["annotations"]);
    }

    [Fact]
    public void An_annotations_map_emptied_by_stripping_is_kept_when_a_patch_adds_into_it()
    {
        var items = Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: d
              annotations:
                config.kubernetes.io/index: '1'
            """);
        var originals = Capture(items);
        items[0].Apply(PatchOp.Add("/metadata/annotations/krm-otel.dev~1injected", "{}"));
        var plan = EjectPlan.Build(originals, items);

        Assert.Empty(plan.Findings);
        var doc = YamlReader.ReadStream(Text(plan, EjectPlan.Resources)).Single().Root!;
        Assert.True(JsonNode.DeepEquals(new JsonObject(), doc["metadata"]!["annotations"]));
    }

    [Fact]
    public void A_change_not_recorded_as_an_operation_is_an_error_not_a_wrong_kustomization()
    {
        var items = Read(Deployment);
        var originals = Capture(items);
        items[0].Node["spec"]!["replicas"] = 3;
        items[0].MarkChanged();

        var plan = EjectPlan.Build(originals, items);

        var finding = Assert.Single(plan.Findings);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("beyond its recorded RFC 6902 operations", finding.Message, StringComparison.Ordinal);
        Assert.Equal("web.v1", finding.Resource!.Name);
        Assert.True(plan.Failed);
    }

    [Fact]
    public void A_recorded_operation_that_does_not_replay_on_the_input_is_an_error()
    {
        var items = Read(Deployment);
        var originals = Capture(items);
        items[0].Apply(PatchOp.Add("/spec/paused", true));
        originals[0].Node["spec"] = "gone"; // as if the input had been something else

        var plan = EjectPlan.Build(originals, items);

        Assert.Contains("does not apply to the input", Assert.Single(plan.Findings).Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?> Namespaces => new()
    {
        { "", null },                          // alone: any namespace is this one
        { "other", "default" },                // the same name elsewhere: kustomize calls no namespace "default"
    };

    [Theory]
    [MemberData(nameof(Namespaces))]
    public void An_object_without_a_namespace_is_targeted_without_matching_its_namesakes(string otherNamespace, string? expected)
    {
        var pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []";
        var text = otherNamespace.Length == 0 ? pod : pod + "\n---\n" + pod.Replace("name: p", $"name: p\n  namespace: {otherNamespace}", StringComparison.Ordinal);
        var items = Read(text);
        var originals = Capture(items);
        items[0].Apply(PatchOp.Add("/spec/hostname", "h"));

        var target = Assert.Single(Kustomization(EjectPlan.Build(originals, items))["patches"]!.AsArray())!["target"]!;

        Assert.Equal("", target["group"]!.GetValue<string>());
        Assert.Equal("Pod", target["kind"]!.GetValue<string>());
        Assert.Equal(expected, target["namespace"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("web.v1", @"web\.v1")]
    [InlineData("a-b", "a-b")]
    [InlineData(@"x+y*(z)|[q]{1}^$?\", @"x\+y\*\(z\)\|\[q\]\{1\}\^\$\?\\")]
    public void Target_fields_are_escaped_because_kustomize_reads_them_as_regular_expressions(string name, string escaped) =>
        Assert.Equal(escaped, PatchTarget.Escape(name));

    [Fact]
    public void Objects_kustomize_cannot_tell_apart_are_an_error()
    {
        var items = Read(ConfigMap + "\n---\n" + ConfigMap.Replace("name: settings", "name: settings\n  namespace: default", StringComparison.Ordinal));
        var finding = Assert.Single(EjectPlan.Build(Capture(items), items).Findings);
        Assert.Contains("same apiVersion, kind, namespace and name", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_with_only_generateName_is_an_error()
    {
        var items = Read("apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\nspec: {}");
        var finding = Assert.Single(EjectPlan.Build(Capture(items), items).Findings);
        Assert.Equal("metadata.name", finding.Field);
    }

    private static List<Resource> Read(string text)
    {
        var findings = new List<Finding>();
        var items = StreamCodec.Read(text, "input.yaml", findings);
        Assert.Empty(findings);
        return items;
    }

    private static List<OriginalObject> Capture(List<Resource> items) => items.Select(OriginalObject.Capture).ToList();

    private static string Text(EjectResult plan, string path) => plan.Files.Single(f => f.Path == path).Text;

    private static JsonObject Kustomization(EjectResult plan) =>
        (JsonObject)YamlReader.ReadStream(Text(plan, EjectPlan.Kustomization)).Single().Root!;
}

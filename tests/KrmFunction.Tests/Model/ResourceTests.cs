using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Patching;

namespace KrmOtel.Tests.Model;

/// <summary>Resource.Apply puts new values into the tree uncopied; its record must still replay to the tree.</summary>
public class ResourceTests
{
    private static Resource Pod() => new(JsonNode.Parse("""{"kind":"Pod","spec":{"containers":[{"name":"app"}]}}""")!.AsObject(), null, null);

    private static void AssertReplays(Resource item)
    {
        var replayed = JsonNode.Parse("""{"kind":"Pod","spec":{"containers":[{"name":"app"}]}}""")!;
        PatchApplier.Apply(replayed, item.Patch);
        Assert.True(JsonNode.DeepEquals(replayed, item.Node), replayed.ToJsonString() + " != " + item.Node.ToJsonString());
    }

    [Theory]
    [InlineData("/metadata", """{"name":"b","namespace":"y"}""", "b", "y")]
    [InlineData("/metadata/name", "\"b\"", "b", "x")]
    [InlineData("/metadata/namespace", "\"y\"", "a", "y")]
    [InlineData("/metadata/labels", """{"name":"b"}""", "a", "x")]
    public void What_the_object_is_follows_the_operations_that_change_it(string path, string value, string name, string ns)
    {
        var item = new Resource(JsonNode.Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"x"}}""")!.AsObject(), "source", null);
        Assert.Equal(("a", "x"), (item.Name, item.Namespace)); // read, and kept
        item.Apply(PatchOp.Add(path, JsonNode.Parse(value)));
        Assert.Equal((name, ns), (item.Name, item.Namespace));
        item.Apply(PatchOp.Add("/kind", "Secret"));
        item.Apply(PatchOp.Add("/apiVersion", "apps/v1"));
        Assert.Equal(("Secret", "apps"), (item.Kind, item.Group));
        Assert.True(item.Changed);
    }

    [Fact]
    public void A_new_value_is_the_trees_own_node()
    {
        var item = Pod();
        var sidecar = new JsonObject { ["name"] = "sidecar" };
        item.Apply(PatchOp.Add("/spec/containers/-", sidecar));
        Assert.Same(sidecar, item.Node["spec"]!["containers"]![1]);
        AssertReplays(item);
    }

    [Fact]
    public void A_change_inside_an_adopted_value_leaves_the_recorded_operation_as_it_was_applied()
    {
        var item = Pod();
        item.Apply(PatchOp.Add("/spec/volumes", new JsonArray(new JsonObject { ["name"] = "a" })));
        item.Apply(PatchOp.Add("/spec/volumes/-", new JsonObject { ["name"] = "b" }));
        item.Apply(PatchOp.Add("/spec/volumes/0/emptyDir", new JsonObject()));
        Assert.Equal("""[{"name":"a"}]""", item.Patch[0].Value!.ToJsonString());
        Assert.Equal("""{"name":"b"}""", item.Patch[1].Value!.ToJsonString());
        Assert.Equal("""[{"name":"a","emptyDir":{}},{"name":"b"}]""", item.Node["spec"]!["volumes"]!.ToJsonString());
        AssertReplays(item);
    }

    [Fact]
    public void A_value_already_in_a_tree_is_copied()
    {
        var other = Pod();
        var item = Pod();
        var shared = other.Node["spec"]!["containers"]![0]!;
        item.Apply(PatchOp.Add("/spec/containers/-", shared));
        Assert.NotSame(shared, item.Node["spec"]!["containers"]![1]);
        Assert.Same(shared, other.Node["spec"]!["containers"]![0]);
        AssertReplays(item);
    }

    [Fact]
    public void A_removed_adopted_value_stays_in_the_record()
    {
        var item = Pod();
        item.Apply(PatchOp.Add("/spec/initContainers", new JsonArray(new JsonObject { ["name"] = "init" })));
        item.Apply(PatchOp.Remove("/spec/initContainers"));
        Assert.Equal("""[{"name":"init"}]""", item.Patch[0].Value!.ToJsonString());
        AssertReplays(item);
    }
}

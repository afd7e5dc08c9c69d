using System.Text.Json.Nodes;
using KrmOtel.Patching;

namespace KrmOtel.Tests.Patching;

public class PatchApplierTests
{
    private static JsonNode Doc() => JsonNode.Parse("""{"metadata":{"annotations":{"a/b":"1","keep":"2"}},"list":[1,2,3]}""")!;

    [Fact]
    public void Add_sets_one_key_with_slashes_escaped_and_leaves_the_rest()
    {
        var doc = Doc();
        PatchApplier.Apply(doc, PatchOp.Add(JsonPointer.Of("metadata", "annotations", "x/y~z"), "v"));
        Assert.Equal("""{"a/b":"1","keep":"2","x/y~z":"v"}""", doc["metadata"]!["annotations"]!.ToJsonString());
        Assert.Equal("/metadata/annotations/x~1y~0z", JsonPointer.Of("metadata", "annotations", "x/y~z"));
    }

    [Fact]
    public void Add_inserts_into_lists_and_dash_appends()
    {
        var doc = Doc();
        PatchApplier.Apply(doc, [PatchOp.Add("/list/0", 0), PatchOp.Add("/list/-", 4)]);
        Assert.Equal("[0,1,2,3,4]", doc["list"]!.ToJsonString());
    }

    [Fact]
    public void Replace_and_remove_need_the_target()
    {
        var doc = Doc();
        PatchApplier.Apply(doc, [PatchOp.Replace("/metadata/annotations/a~1b", "9"), PatchOp.Remove("/list/1")]);
        Assert.Equal("9", doc["metadata"]!["annotations"]!["a/b"]!.GetValue<string>());
        Assert.Equal("[1,3]", doc["list"]!.ToJsonString());
        Assert.Throws<PatchException>(() => PatchApplier.Apply(doc, PatchOp.Replace("/metadata/nope", 1)));
        Assert.Throws<PatchException>(() => PatchApplier.Apply(doc, PatchOp.Remove("/list/7")));
        Assert.Throws<PatchException>(() => PatchApplier.Apply(doc, PatchOp.Add("/missing/x", 1)));
        Assert.Throws<PatchException>(() => PatchApplier.Apply(doc, PatchOp.Add("/list/01", 1)));
    }

    [Fact]
    public void Operations_serialise_as_rfc6902()
    {
        Assert.Equal("""{"op":"add","path":"/a","value":{"b":1}}""", PatchOp.Add("/a", new JsonObject { ["b"] = 1 }).ToJson().ToJsonString());
        Assert.Equal("""{"op":"remove","path":"/a"}""", PatchOp.Remove("/a").ToJson().ToJsonString());
    }

    [Fact]
    public void Values_are_copied_so_one_operation_can_be_applied_twice()
    {
        var op = PatchOp.Add("/list/-", new JsonObject { ["x"] = 1 });
        var a = Doc();
        var b = Doc();
        PatchApplier.Apply(a, op);
        PatchApplier.Apply(b, op);
        Assert.True(JsonNode.DeepEquals(a, b));
    }
}

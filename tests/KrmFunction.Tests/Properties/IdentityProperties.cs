using FsCheck.Xunit;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Properties;

/// <summary>
/// Nothing lost (product.md §5), property-based: a render with no Instrumentation and no rules gives back every
/// generated object, as text (untouched documents are written from their source) and as objects. The generated
/// streams hold every workload kind, ConfigMaps, a custom resource nested up to 30 levels, free-form custom
/// resources and JSON documents, written with anchors, aliases, merge keys, block strings of every style, tags,
/// unicode, long strings, lookalike keys and values, big integers, empty collections and comments.
/// See <see cref="CrossCheckTests"/> for the same comparison by PyYAML.
/// </summary>
public class IdentityProperties
{
    [Property(MaxTest = 1000, Arbitrary = [typeof(PropertyArbitraries)])]
    public void A_render_with_nothing_to_inject_gives_back_every_document(IdentityCase c)
    {
        var input = c.Text;
        var r = Krm.Run(input, "render", "-");
        Assert.True(r.Exit == 0, $"render exited {r.Exit}:\n{r.Stderr}{Harness.ReplayHint}");

        var outDocs = Harness.Documents(r.Stdout);
        Assert.True(outDocs.Count == c.Docs.Count, $"{c.Docs.Count} documents in, {outDocs.Count} out:\n{r.Stdout}{Harness.ReplayHint}");
        for (var i = 0; i < c.Docs.Count; i++)
        {
            if (!c.Docs[i].Json) // JSON documents are re-written as block YAML; their objects are compared below
                Harness.SameText(c.Docs[i].Text, outDocs[i], $"document {i}");
        }

        var expected = Harness.Parse(input);
        var actual = Harness.Parse(r.Stdout);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Harness.SameTree(expected[i], actual[i], $"document {i}");
    }

    /// <summary>
    /// The same through the kpt path: a ResourceList whose items are the documents (block ones: a JSON item is
    /// re-written), a document's leading comments between the item's dash and its first key, as kyaml writes them.
    /// </summary>
    [Property(MaxTest = 1000, Arbitrary = [typeof(PropertyArbitraries)])]
    public void A_ResourceList_with_nothing_to_inject_comes_back_unchanged(IdentityCase c)
    {
        var docs = c.Docs.Where(d => !d.Json).ToList();
        if (docs.Count == 0)
            return;
        var input = Harness.ResourceList(docs);
        var r = Krm.Run(input);
        Assert.True(r.Exit == 0, $"exit {r.Exit}:\n{r.Stderr}\n{r.Stdout}{Harness.ReplayHint}");
        var expected = YamlReader.ReadEnvelope(input, "items").Items.Select(i => i.Root).ToList();
        var actual = YamlReader.ReadEnvelope(r.Stdout, "items").Items.Select(i => i.Root).ToList();
        Assert.True(expected.Count == actual.Count, $"{expected.Count} items in, {actual.Count} out:\n{r.Stdout}{Harness.ReplayHint}");
        for (var i = 0; i < expected.Count; i++)
            Harness.SameTree(expected[i], actual[i], $"item {i}");
        Assert.Null(r.ResourceList["results"]);
        // items written from their source: the whole envelope comes back as it was sent
        Harness.SameText(input, r.Stdout, "ResourceList");
    }
}

namespace KrmOtel.Tests.Properties;

/// <summary>
/// Smaller versions of a generated document, biggest cuts first (drop a key, an item, a line; empty a collection,
/// replace a scalar or block string by a plain `x`, an alias by the scalar; drop an anchor or a comment; types and
/// nulls stay, so a list stays a list), and the model-level check that a candidate is still valid YAML
/// (every alias after its anchor, every merge of a mapping), so a shrunk counterexample never drifts into YAML any
/// reader would refuse.
/// </summary>
public static class YamlShrink
{
    private static readonly YScalar X = new("x");

    public static IEnumerable<YDoc> Doc(YDoc doc)
    {
        if (doc.Leading is { Count: > 0 })
            yield return doc with { Leading = null };
        if (doc.Trailing is { Count: > 0 })
            yield return doc with { Trailing = null };
        foreach (var root in Map(doc.Root))
            yield return doc with { Root = root };
    }

    public static IEnumerable<YNode> Node(YNode node)
    {
        if (node.Anchor is not null)
            yield return node with { Anchor = null };
        switch (node)
        {
            case YMap m:
                if (m.Entries.Count > 1)
                    yield return new YMap([]) { Anchor = m.Anchor };
                foreach (var smaller in Map(m))
                    yield return smaller;
                break;
            case YSeq q:
                if (q.Items.Count > 1)
                    yield return new YSeq([]) { Anchor = q.Anchor };
                for (var i = 0; i < q.Items.Count; i++)
                    yield return q with { Items = Without(q.Items, i) };
                for (var i = 0; i < q.Items.Count; i++)
                {
                    foreach (var item in Node(q.Items[i]))
                        yield return q with { Items = With(q.Items, i, item) };
                }
                if (q.Flow)
                    yield return q with { Flow = false };
                break;
            case YBlock b:
                yield return X with { Anchor = b.Anchor };
                for (var i = 0; i < b.Lines.Count && b.Lines.Count > 1; i++)
                    yield return b with { Lines = Without(b.Lines, i) };
                break;
            case YAlias:
                yield return X;
                break;
            case YScalar s when s.Text is not ("x" or ""):
                yield return X with { Anchor = s.Anchor };
                break;
        }
    }

    public static IEnumerable<YMap> Map(YMap map)
    {
        var entries = map.Entries;
        for (var i = 0; i < entries.Count; i++)
            yield return map with { Entries = Without(entries, i) };
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Comment is not null || e.Above is not null)
                yield return map with { Entries = With(entries, i, e with { Comment = null, Above = null }) };
            if (e.IsMerge)
                continue; // a merge stays a merge of mappings, or goes
            foreach (var value in Node(e.Value))
                yield return map with { Entries = With(entries, i, e with { Value = value }) };
        }
        if (map.Flow)
            yield return map with { Flow = false };
    }

    /// <summary>
    /// Every alias names an anchor completed before it; every merge key merges mappings; the root is still a KRM
    /// object (apiVersion, kind, metadata.name), so a shrunk case fails for the reason the original did.
    /// </summary>
    public static bool Valid(YDoc doc)
    {
        if (!HasScalar(doc.Root, "apiVersion") || !HasScalar(doc.Root, "kind") || Get(doc.Root, "metadata") is not YMap meta || !HasScalar(meta, "name"))
            return false;
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        return Check(doc.Root, anchors);
    }

    private static YNode? Get(YMap map, string key) => map.Entries.FirstOrDefault(e => YamlGen.KeyValue(e.Key) == key)?.Value;

    private static bool HasScalar(YMap map, string key) => Get(map, key) is YScalar { Text.Length: > 0 } s && s.Text != "x";

    private static bool Check(YNode node, Dictionary<string, YNode> anchors)
    {
        var ok = node switch
        {
            YAlias a => anchors.ContainsKey(a.Name),
            YMap m => m.Entries.All(e => Check(e.Value, anchors) && (!e.IsMerge || Mergeable(e.Value, anchors))),
            YSeq q => q.Items.All(i => Check(i, anchors)),
            _ => true,
        };
        if (ok && node.Anchor is not null && node is not YAlias)
            ok = anchors.TryAdd(node.Anchor, node);
        return ok;
    }

    private static bool Mergeable(YNode value, Dictionary<string, YNode> anchors) => value switch
    {
        YMap => true,
        YAlias a => anchors.TryGetValue(a.Name, out var target) && target is YMap,
        YSeq q => q.Items.Count > 0 && q.Items.All(i => i is YAlias or YMap && Mergeable(i, anchors)),
        _ => false,
    };

    private static List<T> Without<T>(IReadOnlyList<T> list, int index)
    {
        var copy = list.ToList();
        copy.RemoveAt(index);
        return copy;
    }

    private static List<T> With<T>(IReadOnlyList<T> list, int index, T value)
    {
        var copy = list.ToList();
        copy[index] = value;
        return copy;
    }
}

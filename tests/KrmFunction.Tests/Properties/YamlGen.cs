using FsCheck;
using FsCheck.Fluent;

namespace KrmOtel.Tests.Properties;

/// <summary>
/// Generators of YAML text pieces: scalars in every style, keys, block strings, comments, nested collections, and
/// the pass that adds anchors, aliases and merge keys. "Portable" pieces mean the same to kubectl's reader
/// (sigs.k8s.io/yaml, go-yaml v2, what krm-otel follows) and to a YAML 1.1 reader such as PyYAML even after
/// krm-otel re-writes them; the rest (plain y/n, 0o17, 08, 12:30, dates, .inf) only appear where objects pass
/// through untouched.
/// </summary>
public static class YamlGen
{
    private static readonly string[] AsciiWords =
    [
        "alpha", "beta", "gamma", "checkout", "v1.2.3", "a-b_c", "path/to/file", "x.y.z", "CamelCase", "release-2024",
        "user@example.com", "a=b", "k1=v1", "50%", "C:\\dir", "semi;colon", "q?x", "tilde~", "plus+sign", "x-y-z", "UPPER",
        "it's", "say\"hi\"", "hash#inside", "colon:inside", "dollar$(VAR)", "http://example.com/p?q=1", "under_score",
    ];

    private static readonly string[] FlowWords = ["alpha", "beta", "gamma", "checkout", "v1.2.3", "a-b_c", "x.y.z", "UPPER", "日本語", "café", "🚀", "ключ"];

    private static readonly string[] UnicodeWords =
    [
        "日本語", "中文字符", "한국어", "café", "naïve", "déjà", "Ærøskøbing", "Ελληνικά", "русский", "עברית", "العربية",
        "🚀", "✨🎉", "👩‍💻", "emoji🙂inside", "e\u0301", "non\u00A0breaking", "ｆｕｌｌ", "½", "µs", "€100",
    ];

    /// <summary>Plain scalars both readers resolve alike, and that krm-otel re-writes to something both still read alike.</summary>
    private static readonly string[] PortableTokens =
    [
        "true", "false", "True", "FALSE", "yes", "No", "ON", "off", "null", "~", "Null", "0777", "0x1F", "-0x1f", "0b101",
        "42", "-7", "+12", "0", "1_000", "3.14", "-0.5", "1.0e+3", "1e3", ".5", "2.50",
        "123456789012345678901234567890", "-98765432109876543210", "18446744073709551616", "9223372036854775808",
    ];

    /// <summary>Plain scalars the readers disagree on (or that krm-otel normalises): only where objects pass untouched.</summary>
    private static readonly string[] LocalTokens = ["y", "N", "0o17", "08", "12:30", "190:20:30", "2024-01-01", "2001-12-14t21:59:43.10-05:00", ".inf", "-.Inf", "0.", "1.5e3", "+.5", "0x_1F"];

    /// <summary>Texts that would mean something else unquoted (or not parse at all).</summary>
    private static readonly string[] Lookalikes =
    [
        "yes", "no", "on", "off", "y", "n", "Y", "true", "False", "0777", "1e3", "~", "null", "Null", "NULL", "", "12:30",
        "2024-01-01", "0x1F", "0o17", "0b11", "+1", "-1", ".5", ".inf", "NaN", "1_000", "123456789012345678901234567890",
        "<<", "=", "-", "---", "...", "#x", "a: b", "- item", "[a]", "{b}", "*ref", "&anc", "!tag", "%dir", "@at", "`tick",
        "|", "> x", " leading", "trailing ", "a #b", "?", ":", "key:", "it's", "\"q\"",
    ];

    private static readonly string[] QuotedKeys =
    [
        "\"123\"", "\"true\"", "'null'", "\"1e3\"", "\"0777\"", "'yes'", "\"~\"", "\"\"", "\"<<\"", "'on'", "\"y\"", "\"0x1F\"",
        "\"12:30\"", "\"key: colon\"", "\"#hash\"", "'- dash'", "\"-1\"", "'false'", "\"日本\"", "\"\\u00e9t\\u00e9\"",
    ];

    /// <summary>Unquoted keys another reader takes for a number, a boolean or null (go-yaml v2 makes `on:` the key true): pass-through only.</summary>
    private static readonly string[] LookalikeKeys = ["123", "true", "False", "on", "yes", "n", "1e3", "0x1F", "0777", "-1", "3.14", "null", "~", "2024-01-01", ".inf"];

    private static readonly string[] PlainKeys =
    [
        "name", "app", "data", "config", "value", "items", "a_b", "a.b/c", "key-1", "UPPER", "with space", "k8s.io/name",
        "日本語キー", "ключ", "clé", "emoji🔑", "x", "level", "list", "map", "nested", "z9",
    ];

    private static readonly string[] Escapes = ["\\n", "\\t", "\\u00e9", "\\U0001F600", "\\\\", "\\\"", "\\x41", "\\u2028", "\\u0085", "\\ufeff", "\\0", "\\e", "\\ ", "\\_", "\\N", "\\L", "\\P", "\\r"];

    private static readonly string[] CommentTexts =
    [
        "", "a comment", "TODO: fix", "# double", "key: value", "---", "コメント", "🚀 launch", "- not an item", "'quoted'", "\"dq\"",
        "trailing: \"x\" # again", "&anchor *alias", "{flow: map}", "|",
    ];

    public static Gen<string> Word => Gen.Frequency((3, Gen.Elements(AsciiWords)), (2, Gen.Elements(UnicodeWords)));

    public static Gen<string> Words(int max) =>
        from n in Gen.Choose(1, max)
        from ws in Gen.ListOf(Word, n)
        select string.Join(' ', ws);

    /// <summary>A long text of words: 20 to 1,000 characters, sometimes 5,000 to 20,000 (the words repeated).</summary>
    public static Gen<string> Long =>
        from n in Gen.Frequency((9, Gen.Choose(20, 1000)), (1, Gen.Choose(5000, 20000)))
        from ws in Gen.ListOf(Word, 300)
        select Take(Enumerable.Repeat(ws, 1 + (n / 1000)).SelectMany(w => w), n);

    private static string Take(IEnumerable<string> words, int chars)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var w in words)
        {
            if (sb.Length + w.Length + 1 > chars && sb.Length > 0)
                break;
            if (sb.Length > 0)
                sb.Append(' ');
            sb.Append(w);
        }
        return sb.ToString();
    }

    // a plain string: words never start with an indicator, never hold ": " or " #"
    public static Gen<string> PlainText => Gen.Frequency((6, Words(4)), (1, Long));

    public static Gen<string> DoubleQuoted(Gen<string> content) =>
        from parts in Gen.ListOf(Gen.Frequency((4, content.Select(EscapeDouble)), (2, Gen.Elements(Escapes))), 3)
        from n in Gen.Choose(1, 3)
        select "\"" + string.Concat(parts.Take(n)) + "\"";

    public static string EscapeDouble(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    public static string SingleQuoted(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static Gen<string> QuotedContent => Gen.Frequency((3, Gen.Elements(Lookalikes)), (3, Words(3)), (1, Long), (1, Gen.Elements("tab\there", "a\tb")));

    /// <summary>A string value in one line: quoted lookalikes, escapes, unicode, tags, long text.</summary>
    public static Gen<string> StringScalar(bool portable) => Gen.Frequency(
        (5, PlainText),
        (4, DoubleQuoted(QuotedContent)),
        (3, QuotedContent.Select(SingleQuoted)),
        (3, Gen.Elements([.. PortableTokens, .. LocalTokens, .. Lookalikes.Where(l => l.Length > 0)]).Select(t => "!!str " + (IsPlainSafe(t) ? t : SingleQuoted(t)))));

    private static bool IsPlainSafe(string t) => t.Length > 0 && !" -?:,[]{}#&*!|>'\"%@`".Contains(t[0], StringComparison.Ordinal) && !t.Contains(": ", StringComparison.Ordinal) && !t.Contains(" #", StringComparison.Ordinal) && !t.EndsWith(':') && !t.EndsWith(' ') && t != "---" && t != "..." && t != "<<" && t != "=";

    /// <summary>Any scalar: strings of every style, numbers, booleans, nulls, big integers.</summary>
    public static Gen<string> Scalar(bool portable) => portable
        ? Gen.Frequency((8, StringScalar(portable)), (3, Gen.Elements(PortableTokens)), (1, Gen.Elements(PortableTags)))
        : Gen.Frequency((8, StringScalar(portable)), (3, Gen.Elements(PortableTokens)), (2, Gen.Elements(LocalTokens)), (1, Gen.Elements([.. PortableTags, "!!float 1", "!!int 0o17"])));

    // `!!float 1` is 1.0 to PyYAML but 1 to kubectl (JSON has one number type): not portable
    private static readonly string[] PortableTags = ["!!int 42", "!!int \"7\"", "!!bool yes", "!!float 1.5", "!!null ~", "!!str", "!!str \"\""];

    /// <summary>A scalar continued on further lines: plain (folded into spaces) or double-quoted (a blank line is a newline).</summary>
    public static Gen<string> MultiLine => Gen.OneOf(
        from a in Words(3) from b in Words(3) from c in Words(2) select a + "\n" + b + "\n" + c,
        from a in Words(3) from b in Words(3) select "\"" + EscapeDouble(a) + "\n\n" + EscapeDouble(b) + " \"",
        from a in Words(2) from b in Words(2) select "'" + a.Replace("'", "''", StringComparison.Ordinal) + "\n" + b.Replace("'", "''", StringComparison.Ordinal) + "'");

    private static Gen<string> BlockLine => Gen.Frequency(
        (6, Words(5)),
        (2, Words(3).Select(w => "  " + w)),
        (2, Gen.Constant("")),
        (2, Gen.Elements("key: value", "- item", "# not a comment", "---", "'quoted' \"double\"", "{a: 1}", "tab\tinside", "*star &amp", "trailing spaces  ", "\\backslash", "%TAG")),
        (1, Long));

    public static Gen<YNode> Block =>
        from header in Gen.Elements("|", "|-", "|+", ">", ">-", ">+")
        from first in Words(4)
        from n in Gen.Choose(0, 5)
        from rest in Gen.ListOf(BlockLine, n)
        from kept in Gen.Choose(0, 2)
        select (YNode)new YBlock(header, BlockLines(header, first, rest, kept));

    private static List<string> BlockLines(string header, string first, IEnumerable<string> rest, int kept)
    {
        var lines = new List<string> { first };
        lines.AddRange(rest);
        while (lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        if (header.EndsWith('+'))
            lines.AddRange(Enumerable.Repeat("", kept));
        return lines;
    }

    public static Gen<string> Comment => Gen.Elements(CommentTexts);

    public static Gen<string> Key(bool portable) => portable
        ? Gen.Frequency((4, Gen.Elements(PlainKeys)), (2, Gen.Elements(QuotedKeys)), (1, Word.Select(w => w.Replace(' ', '-'))))
        : Gen.Frequency((4, Gen.Elements(PlainKeys)), (2, Gen.Elements(QuotedKeys)), (1, Gen.Elements(LookalikeKeys)), (1, Word.Select(w => w.Replace(' ', '-'))));

    /// <summary>The string a key stands for (to keep keys unique).</summary>
    public static string KeyValue(string key) =>
        key.Length >= 2 && key[0] is '"' or '\'' ? key[1..^1] : key;

    public static Gen<YNode> ScalarNode(bool portable) => Gen.Frequency(
        (10, Scalar(portable).Select(t => (YNode)new YScalar(t))),
        (2, Block),
        (1, MultiLine.Select(t => (YNode)new YScalar(t))),
        (1, Gen.Constant((YNode)new YScalar(""))));

    private static Gen<string> FlowScalar => Gen.Frequency(
        (3, Gen.Elements(FlowWords)),
        (2, Gen.Elements(PortableTokens)),
        (2, Gen.Elements(Lookalikes).Select(l => "\"" + EscapeDouble(l) + "\"")),
        (1, Gen.Elements(Lookalikes).Select(SingleQuoted)));

    private static Gen<string> FlowKey => Gen.Frequency((3, Gen.Elements("a", "b", "name", "k8s.io/x", "日本", "z")), (1, Gen.Elements(QuotedKeys)));

    public static Gen<YNode> FlowCollection =>
        Gen.OneOf(
            from n in Gen.Choose(0, 4)
            from items in Gen.ListOf(FlowScalar, n)
            select (YNode)new YSeq(items.Select(i => (YNode)new YScalar(i)).ToList(), Flow: true),
            from n in Gen.Choose(0, 4)
            from keys in Gen.ListOf(FlowKey, n)
            from values in Gen.ListOf(FlowScalar, n)
            select (YNode)new YMap(Unique(keys).Zip(values, (k, v) => new YEntry(k, new YScalar(v))).ToList(), Flow: true));

    public static IEnumerable<string> Unique(IEnumerable<string> keys) => keys.DistinctBy(KeyValue, StringComparer.Ordinal);

    /// <summary>A value: mostly scalars, then block maps and sequences down to <paramref name="depth"/>, flow and empty collections.</summary>
    public static Gen<YNode> Value(int depth, bool portable) => depth <= 0
        ? Gen.Frequency((8, ScalarNode(portable)), (1, FlowCollection))
        : Gen.Frequency(
            (6, ScalarNode(portable)),
            (2, Map(depth - 1, portable).Select(m => (YNode)m)),
            (2, Seq(depth - 1, portable)),
            (1, FlowCollection),
            (1, Gen.Elements<YNode>(new YMap([]), new YSeq([]))));

    public static Gen<YEntry> Entry(string key, Gen<YNode> value) =>
        from v in value
        from comment in Gen.Frequency((9, Gen.Constant<string?>(null)), (1, Comment.Select(c => (string?)c)))
        from above in Gen.Frequency((12, Gen.Constant<IReadOnlyList<string>?>(null)), (1, Gen.ListOf(Comment, 1).Select(l => (IReadOnlyList<string>?)l.ToList())))
        select new YEntry(key, v, comment, above);

    public static Gen<YMap> Map(int depth, bool portable) =>
        from n in Gen.Sized(s => Gen.Choose(1, Math.Clamp(s / 10, 2, 6)))
        from keys in Gen.ListOf(Key(portable), n)
        from entries in Gen.CollectToList(Unique(keys).ToList(), k => Entry(k, Value(depth, portable)))
        select new YMap(entries);

    public static Gen<YNode> Seq(int depth, bool portable) =>
        from n in Gen.Sized(s => Gen.Choose(1, Math.Clamp(s / 10, 2, 5)))
        from items in Gen.ListOf(Value(depth, portable), n)
        from indented in Gen.Elements(false, false, true)
        select (YNode)new YSeq(items.ToList(), Indented: indented);

    /// <summary>A chain of nested mappings and sequences <paramref name="levels"/> deep, with small siblings on the way.</summary>
    public static Gen<YNode> Deep(int levels, bool portable)
    {
        if (levels <= 0)
            return ScalarNode(portable);
        return from inner in Deep(levels - 1, portable)
               from asSeq in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
               from siblings in Gen.Choose(0, 2)
               from keys in Gen.ListOf(Key(portable), siblings)
               from values in Gen.ListOf(ScalarNode(portable), siblings)
               select asSeq
                   ? (YNode)new YSeq([inner, .. values])
                   : new YMap([new YEntry($"level{levels}", inner), .. Unique(keys).Where(k => KeyValue(k) != $"level{levels}").Zip(values, (k, v) => new YEntry(k, v))]);
    }

    public static Gen<int> Seed => Gen.Choose(0, int.MaxValue);
}

/// <summary>
/// Adds anchors to some nodes, replaces later nodes by aliases of them and inserts merge keys (`&lt;&lt;: *a`,
/// `&lt;&lt;: [*a, *b]`) into mappings, in document order, only inside the subtrees <c>eligible</c> allows.
/// </summary>
public sealed class Decorator(int seed, Func<IReadOnlyList<string>, bool> eligible)
{
    private readonly Random rng = new(seed);
    private readonly List<(string Name, bool IsMap)> done = [];
    private int counter;

    public YMap Root(YMap root) => Entries(root, [], on: false);

    private YNode Walk(YNode node, IReadOnlyList<string> path, bool on)
    {
        if (on && done.Count > 0 && rng.Next(100) < 6 && !HasAnchor(node))
            return new YAlias(done[rng.Next(done.Count)].Name);
        var result = node switch
        {
            YMap m => Entries(m, path, on),
            YSeq q => q with { Items = q.Items.Select((item, i) => Walk(item, [.. path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)], on)).ToList() },
            _ => node,
        };
        if (on && result.Anchor is null && result is not (YScalar { Text: "" } or YAlias) && rng.Next(100) < 12)
            result = result with { Anchor = rng.Next(4) == 0 ? $"anchor_{++counter}-x" : $"a{++counter}" };
        if (result.Anchor is not null)
            done.Add((result.Anchor, result is YMap));
        return result;
    }

    // a subtree defining an anchor (the builders' pod-labels, base-container, shared-env) is never replaced
    private static bool HasAnchor(YNode node) => node.Anchor is not null || node switch
    {
        YMap m => m.Entries.Any(e => HasAnchor(e.Value)),
        YSeq q => q.Items.Any(HasAnchor),
        _ => false,
    };

    private YMap Entries(YMap map, IReadOnlyList<string> path, bool on)
    {
        // a merge may only name mappings completed before this one starts (it may land above any of its keys)
        var maps = done.Where(d => d.IsMap).Select(d => d.Name).ToList();
        var entries = new List<YEntry>();
        foreach (var e in map.Entries)
        {
            if (e.IsMerge)
            {
                entries.Add(e);
                continue;
            }
            var childPath = path.Append(YamlGen.KeyValue(e.Key)).ToList();
            entries.Add(e with { Value = Walk(e.Value, childPath, on || eligible(childPath)) });
        }
        // one merge key a mapping: a second `<<` is a duplicate key, which kustomize's reader (go-yaml v3) refuses
        if (on && maps.Count > 0 && !entries.Any(e => e.IsMerge) && rng.Next(100) < 20)
        {
            YNode merge = maps.Count > 1 && rng.Next(3) == 0
                ? new YSeq([new YAlias(maps[rng.Next(maps.Count)]), new YAlias(maps[rng.Next(maps.Count)])], Flow: true)
                : new YAlias(maps[rng.Next(maps.Count)]);
            if (merge is YSeq { Items: [YAlias a, YAlias b] } && a.Name == b.Name)
                merge = a;
            entries.Insert(rng.Next(entries.Count + 1), new YEntry("<<", merge));
        }
        return map with { Entries = entries };
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KrmOtel.Model;
using YamlDotNet.Core;

namespace KrmOtel.Yaml;

/// <summary>
/// Writes <see cref="JsonNode"/> trees as block YAML in the style kubectl and kyaml print (sequences flush with their
/// key, two-space indentation), quoting every string that a YAML 1.1 or 1.2 reader could take for something else.
/// </summary>
public sealed class YamlWriter(StringBuilder sb, ScalarStyles styles)
{
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteDocument(sb, node);
        return sb.ToString();
    }

    /// <summary>Appends the node as a document body (no `---`), ending with a newline.</summary>
    public static void WriteDocument(StringBuilder sb, JsonNode? node, ScalarStyles? styles = null) =>
        new YamlWriter(sb, styles ?? ScalarStyles.None).Document(node);

    /// <summary>Appends the node as the item of a sequence at <paramref name="indent"/>.</summary>
    public static void AppendSequenceItem(StringBuilder sb, JsonNode? item, int indent, ScalarStyles? styles = null) =>
        new YamlWriter(sb, styles ?? ScalarStyles.None).SequenceItem(item, indent);

    private void Document(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                WriteMappingBody(o, 0);
                break;
            case JsonArray a when a.Count > 0:
                WriteSequenceBody(a, 0);
                break;
            default:
                sb.Append(Inline(node)).Append('\n');
                break;
        }
    }

    /// <summary>Appends <paramref name="source"/> lines re-indented by <paramref name="indent"/>, the first after "- ".</summary>
    public static void AppendSequenceItemSource(StringBuilder sb, string source, int indent)
    {
        var pad = new string(' ', indent);
        var first = true;
        foreach (var line in source.Split('\n'))
        {
            if (first)
            {
                sb.Append(pad).Append("- ").Append(line).Append('\n');
                first = false;
            }
            else if (line.Length == 0)
                sb.Append('\n');
            else
                sb.Append(pad).Append("  ").Append(line).Append('\n');
        }
    }

    private void SequenceItem(JsonNode? item, int indent)
    {
        Indent(indent);
        sb.Append('-');
        WriteSeqItemValue(item, indent);
    }

    // Objects and lists are walked by index: their enumerators are boxed, one allocation for each.
    private void WriteMappingBody(JsonObject obj, int indent)
    {
        for (var i = 0; i < obj.Count; i++)
        {
            var (key, value) = obj.GetAt(i);
            Indent(indent);
            sb.Append(Key(key)).Append(':');
            WriteValueAfterKey(value, indent);
        }
    }

    private void WriteValueAfterKey(JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject o when o.Count > 0:
                sb.Append('\n');
                WriteMappingBody(o, indent + 2);
                break;
            case JsonArray a when a.Count > 0:
                sb.Append('\n');
                WriteSequenceBody(a, indent);
                break;
            default:
                WriteScalar(value, indent + 2);
                break;
        }
    }

    // a block string on the lines below at the given indentation, anything else inline after "key:" or "-"
    private void WriteScalar(JsonNode? value, int blockIndent)
    {
        if (value.AsString() is { } s)
        {
            // a string is looked at once: a plain word (most are), a block below the key, or inline in its style
            var style = styles.Of(value!);
            if (style is ScalarStyle.Any or ScalarStyle.Plain && IsPlainWord(s))
                sb.Append(' ').Append(s).Append('\n');
            else if (IsBlockString(s) && style is not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted))
                WriteBlockString(s, blockIndent);
            else
                sb.Append(' ').Append(Styled(s, style)).Append('\n');
        }
        else
            sb.Append(' ').Append(Inline(value)).Append('\n');
    }

    private void WriteSequenceBody(JsonArray array, int indent)
    {
        for (var i = 0; i < array.Count; i++)
            SequenceItem(array[i], indent);
    }

    private void WriteSeqItemValue(JsonNode? item, int indent)
    {
        switch (item)
        {
            case JsonObject o when o.Count > 0:
                for (var i = 0; i < o.Count; i++)
                {
                    var (key, value) = o.GetAt(i);
                    if (i == 0)
                        sb.Append(' ');
                    else
                        Indent(indent + 2);
                    sb.Append(Key(key)).Append(':');
                    WriteValueAfterKey(value, indent + 2);
                }
                break;
            case JsonArray a when a.Count > 0:
                sb.Append('\n');
                WriteSequenceBody(a, indent + 2);
                break;
            default:
                WriteScalar(item, indent + 2);
                break;
        }
    }

    private static string Key(string key) => Scalar(key);

    private string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v => Value(v),
        _ => throw new InvalidOperationException("unknown node"),
    };

    private string Value(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.String => Styled(v.GetValue<string>(), styles.Of(v)),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => v.ToJsonString(),
        _ => throw new InvalidOperationException("unknown value kind"),
    };

    private static bool IsBlockString(string s)
    {
        return s.Contains('\n') && s.Trim('\n').Length > 0 && !HasSpecial(s, allowNewline: true) && !s.Contains(" \n") && !s.EndsWith(' ');
    }

    private void WriteBlockString(string s, int indent)
    {
        sb.Append(" |");
        // a first line starting with a space or tab would be taken for indentation: state the indentation instead
        if (s.TrimStart('\n') is [' ' or '\t', ..])
            sb.Append('2');
        var trailing = s.Length - s.TrimEnd('\n').Length;
        if (trailing == 0)
            sb.Append('-');
        else if (trailing > 1)
            sb.Append('+');
        sb.Append('\n');
        var body = trailing == 0 ? s : s[..^1];
        foreach (var line in body.Split('\n'))
        {
            if (line.Length > 0)
                Indent(indent);
            sb.Append(line).Append('\n');
        }
    }

    // Keys and short values repeat across a stream's objects (`name`, `value`, `256Mi`): each thread keeps how it
    // wrote the first few thousand of them.
    [ThreadStatic]
    private static Dictionary<string, string>? written;

    /// <summary>A string scalar in the plainest style that reads back as the same string; quoted as kubectl quotes.</summary>
    public static string Scalar(string s)
    {
        if (IsPlainWord(s))
            return s;
        if (s.Length > 40)
            return Quoted(s);
        var cache = written ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (cache.TryGetValue(s, out var scalar))
            return scalar;
        scalar = Quoted(s);
        if (cache.Count < 4096)
            cache[s] = scalar;
        return scalar;
    }

    // not a plain word
    private static string Quoted(string s)
    {
        if (HasSpecial(s, allowNewline: false))
            return DoubleQuoted(s);
        if (!NeedsQuotes(s))
            return s;
        // double quotes as kubectl writes them, single where that spares escaping (JSON in an annotation)
        return s.Contains('"') && !s.Contains('\'') ? "'" + s + "'" : DoubleQuoted(s);
    }

    // The user's quotes, where they were quotes and still read back as the same string.
    private static string Styled(string s, ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted when !HasSpecial(s, allowNewline: false) => "'" + s.Replace("'", "''") + "'",
        ScalarStyle.DoubleQuoted => DoubleQuoted(s),
        _ => Scalar(s),
    };

    // The common case, decided in one pass: a letter, then letters, digits, '-', '.', '_', '/' only; such a word reads
    // back as a string unless it is one of YAML 1.1's boolean or null keywords.
    private static bool IsPlainWord(string s) =>
        s.Length > 0 && char.IsAsciiLetter(s[0]) && !s.AsSpan().ContainsAnyExcept(WordChars) && (s.Length > 5 || !ScalarResolver.IsAmbiguous(s));

    private static readonly SearchValues<char> WordChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/");

    // What a plain or block scalar cannot hold: the C0 and C1 controls, the line and paragraph separators, the BOM.
    private static readonly SearchValues<char> Special = SearchValues.Create(Controls(allowNewline: false));
    private static readonly SearchValues<char> SpecialInBlock = SearchValues.Create(Controls(allowNewline: true));

    private static string Controls(bool allowNewline)
    {
        var chars = new StringBuilder("\u2028\u2029\uFEFF");
        for (var c = '\0'; c <= '\u009F'; c++)
        {
            if (char.IsControl(c) && !(allowNewline && c is '\n' or '\t'))
                chars.Append(c);
        }
        return chars.ToString();
    }

    private static bool NeedsQuotes(string s)
    {
        if (s.Length == 0 || ScalarResolver.IsAmbiguous(s) || s == "<<" || s == "=")
            return true;
        if (s[0] is ' ' or '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`')
            return true;
        if (s[^1] is ' ' or ':')
            return true;
        if (!s.AsSpan().ContainsAny(' ', '\t'))
            return false; // each of the sequences below holds a space
        // " *", " &" and " !" are text inside a plain scalar, but YamlDotNet takes `a *: a *` at the start of a
        // stream for something else (FsCheck found it): quoted, every reader agrees
        return s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.Contains('\t')
            || s.Contains(" *", StringComparison.Ordinal) || s.Contains(" &", StringComparison.Ordinal) || s.Contains(" !", StringComparison.Ordinal);
    }

    private static bool HasSpecial(string s, bool allowNewline) => s.AsSpan().ContainsAny(allowNewline ? SpecialInBlock : Special);

    private static string DoubleQuoted(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' or '\u0085')
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private void Indent(int n) => sb.Append(' ', n);
}

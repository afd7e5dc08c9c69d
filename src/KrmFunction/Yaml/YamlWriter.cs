using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KrmOtel.Model;
using YamlDotNet.Core;

namespace KrmOtel.Yaml;

/// <summary>
/// Writes <see cref="JsonNode"/> trees as block YAML in the style kubectl and kyaml print (sequences flush with their
/// key, two-space indentation), quoting every string that a YAML 1.1 or 1.2 reader could take for something else.
/// It writes UTF-8 (<see cref="Utf8Text"/>): a changed object goes to the output as the bytes it is written in.
/// </summary>
public sealed class YamlWriter(Utf8Text text, ScalarStyles styles)
{
    public static string Write(JsonNode? node)
    {
        var text = new Utf8Text();
        WriteDocument(text, node);
        return text.ToString();
    }

    /// <summary>Appends the node as a document body (no `---`), ending with a newline.</summary>
    public static void WriteDocument(Utf8Text text, JsonNode? node, ScalarStyles? styles = null) =>
        new YamlWriter(text, styles ?? ScalarStyles.None).Document(node);

    /// <inheritdoc cref="WriteDocument(Utf8Text, JsonNode?, ScalarStyles?)"/>
    public static void WriteDocument(StringBuilder sb, JsonNode? node, ScalarStyles? styles = null)
    {
        var text = new Utf8Text();
        WriteDocument(text, node, styles);
        sb.Append(text.ToString());
    }

    /// <summary>Appends the node as the item of a sequence at <paramref name="indent"/>.</summary>
    public static void AppendSequenceItem(Utf8Text text, JsonNode? item, int indent, ScalarStyles? styles = null) =>
        new YamlWriter(text, styles ?? ScalarStyles.None).SequenceItem(item, indent);

    /// <inheritdoc cref="AppendSequenceItem(Utf8Text, JsonNode?, int, ScalarStyles?)"/>
    public static void AppendSequenceItem(StringBuilder sb, JsonNode? item, int indent, ScalarStyles? styles = null)
    {
        var text = new Utf8Text();
        AppendSequenceItem(text, item, indent, styles);
        sb.Append(text.ToString());
    }

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
                WriteInline(node);
                text.Append('\n');
                break;
        }
    }

    /// <summary>Appends <paramref name="source"/> lines re-indented by <paramref name="indent"/>, the first after "- ".</summary>
    public static void AppendSequenceItemSource(Utf8Text text, string source, int indent)
    {
        var first = true;
        foreach (var range in source.AsSpan().Split('\n'))
        {
            var line = source.AsSpan(range);
            if (first)
            {
                text.Spaces(indent);
                text.Append('-');
                text.Append(' ');
                first = false;
            }
            else if (line.Length > 0)
                text.Spaces(indent + 2);
            text.Append(line);
            text.Append('\n');
        }
    }

    /// <inheritdoc cref="AppendSequenceItemSource(Utf8Text, string, int)"/>
    public static void AppendSequenceItemSource(StringBuilder sb, string source, int indent)
    {
        var text = new Utf8Text();
        AppendSequenceItemSource(text, source, indent);
        sb.Append(text.ToString());
    }

    private void SequenceItem(JsonNode? item, int indent)
    {
        Indent(indent);
        text.Append('-');
        WriteSeqItemValue(item, indent);
    }

    // Objects and lists are walked by index: their enumerators are boxed, one allocation for each.
    private void WriteMappingBody(JsonObject obj, int indent)
    {
        for (var i = 0; i < obj.Count; i++)
        {
            var (key, value) = obj.GetAt(i);
            Indent(indent);
            Key(key);
            WriteValueAfterKey(value, indent);
        }
    }

    private void WriteValueAfterKey(JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject o when o.Count > 0:
                text.Append('\n');
                WriteMappingBody(o, indent + 2);
                break;
            case JsonArray a when a.Count > 0:
                text.Append('\n');
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
            text.Append(' ');
            if (style is ScalarStyle.Any or ScalarStyle.Plain && AppendPlainWord(s))
                text.Append('\n');
            else if (IsBlockString(s) && style is not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted))
                WriteBlockString(s, blockIndent);
            else
            {
                // not a word: what Styled would find for a plain style, without looking again
                if (style is ScalarStyle.Any or ScalarStyle.Plain)
                    AppendNotAWord(s);
                else
                    text.Append(Styled(s, style));
                text.Append('\n');
            }
        }
        else
        {
            text.Append(' ');
            WriteInline(value);
            text.Append('\n');
        }
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
                        text.Append(' ');
                    else
                        Indent(indent + 2);
                    Key(key);
                    WriteValueAfterKey(value, indent + 2);
                }
                break;
            case JsonArray a when a.Count > 0:
                text.Append('\n');
                WriteSequenceBody(a, indent + 2);
                break;
            default:
                WriteScalar(item, indent + 2);
                break;
        }
    }

    // a key and its colon
    private void Key(string key)
    {
        if (!AppendPlainWord(key))
            AppendNotAWord(key);
        text.Append(':');
    }

    // a plain word (most keys and values are) is checked as it is copied
    private bool AppendPlainWord(string s)
    {
        if (!MayBeWord(s) || !CopyWord(s, ref text.FreeRef(s.Length)))
            return false;
        text.Advance(s.Length);
        return true;
    }

    // Copies the string as ASCII to into (room for it and 16 bytes more) if it is all word characters; else false.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CopyWord(string s, ref byte into)
    {
        ref var from = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s.AsSpan()));
        var n = s.Length;
        if (n < 8 || !Vector128.IsHardwareAccelerated)
        {
            for (var i = 0; i < n; i++)
            {
                var c = Unsafe.Add(ref from, i);
                if (!IsWordChar(c))
                    return false;
                Unsafe.Add(ref into, i) = (byte)c;
            }
            return true;
        }
        // eight characters at a time, the last eight overlapping the ones before
        for (var i = 0; ; i += 8)
        {
            var at = Math.Min(i, n - 8);
            var v = Vector128.LoadUnsafe(ref from, (nuint)at);
            var word = Vector128.LessThan(v - Vector128.Create((ushort)'-'), Vector128.Create((ushort)13)) // - . / 0-9
                | Vector128.LessThan((v | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26))
                | Vector128.Equals(v, Vector128.Create((ushort)'_'));
            if (word != Vector128<ushort>.AllBitsSet)
                return false;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref into, at), Vector128.Narrow(v, v).AsUInt64().ToScalar());
            if (at == n - 8)
                return true;
        }
    }

    // a letter, a digit, '-', '.', '_' or '/' (a character of 128 or more is none of them)
    private static bool IsWordChar(uint c) => c - '-' < 13 || (c | 0x20) - 'a' < 26 || c == '_';

    private string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v => Value(v),
        _ => throw new InvalidOperationException("unknown node"),
    };

    // Inline, with a number written straight into the text
    private void WriteInline(JsonNode? node)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            WriteNumber(v);
        else
            text.Append(Inline(node));
    }

    // A number as JSON writes it, by a writer each thread keeps.
    private void WriteNumber(JsonValue v)
    {
        var writer = numbers ??= new Utf8JsonWriter(text);
        writer.Reset(text);
        v.WriteTo(writer);
        writer.Flush();
    }

    [ThreadStatic]
    private static Utf8JsonWriter? numbers;

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

    // after the space that follows "key:" or "-"
    private void WriteBlockString(string s, int indent)
    {
        text.Append('|');
        // a first line starting with a space or tab would be taken for indentation: state the indentation instead
        if (s.TrimStart('\n') is [' ' or '\t', ..])
            text.Append('2');
        var trailing = s.Length - s.TrimEnd('\n').Length;
        if (trailing == 0)
            text.Append('-');
        else if (trailing > 1)
            text.Append('+');
        text.Append('\n');
        var body = trailing == 0 ? s.AsSpan() : s.AsSpan(0, s.Length - 1);
        foreach (var range in body.Split('\n'))
        {
            var line = body[range];
            if (line.Length > 0)
                Indent(indent);
            text.Append(line);
            text.Append('\n');
        }
    }

    // Keys and short values repeat across a stream's objects (`name`, `value`, `256Mi`): each thread keeps how it
    // wrote the first few thousand of them.
    [ThreadStatic]
    private static Dictionary<string, (string Text, byte[] Utf8)>? written;

    /// <summary>A string scalar in the plainest style that reads back as the same string; quoted as kubectl quotes.</summary>
    public static string Scalar(string s) => IsPlainWord(s) ? s : NotAWord(s);

    // Scalar of a string that is not a plain word.
    private static string NotAWord(string s) => s.Length > 40 ? Quoted(s) : Cached(s).Text;

    // NotAWord, written: a short one as the UTF-8 bytes the thread's cache keeps
    private void AppendNotAWord(string s)
    {
        if (s.Length > 40)
            text.Append(Quoted(s));
        else
            text.Append(Cached(s).Utf8);
    }

    private static (string Text, byte[] Utf8) Cached(string s)
    {
        var cache = written ??= new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        if (cache.TryGetValue(s, out var scalar))
            return scalar;
        var quoted = Quoted(s);
        scalar = (quoted, Encoding.UTF8.GetBytes(quoted));
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
    private static bool IsPlainWord(string s) => MayBeWord(s) && AllWordChars(s);

    // what a plain word must be besides its characters: begun by a letter, and no YAML 1.1 keyword
    private static bool MayBeWord(string s) =>
        s.Length > 0 && char.IsAsciiLetter(s[0]) && (s.Length > 5 || !ScalarResolver.IsAmbiguous(s));

    private static bool AllWordChars(string s)
    {
        foreach (var c in s)
        {
            if (!IsWordChar(c))
                return false;
        }
        return true;
    }

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

    private void Indent(int n) => text.Spaces(n);
}

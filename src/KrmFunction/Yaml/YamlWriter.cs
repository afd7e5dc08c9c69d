using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KrmOtel.Yaml;

/// <summary>
/// Writes <see cref="JsonNode"/> trees as block YAML in the style kubectl and kyaml print (sequences flush with their
/// key, two-space indentation), quoting every string that a YAML 1.1 or 1.2 reader could take for something else.
/// </summary>
public static class YamlWriter
{
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteDocument(sb, node);
        return sb.ToString();
    }

    /// <summary>Appends the node as a document body (no `---`), ending with a newline.</summary>
    public static void WriteDocument(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                WriteMappingBody(sb, o, 0);
                break;
            case JsonArray a when a.Count > 0:
                WriteSequenceBody(sb, a, 0);
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

    /// <summary>Appends the node as the item of a sequence at <paramref name="indent"/>.</summary>
    public static void AppendSequenceItem(StringBuilder sb, JsonNode? item, int indent)
    {
        Indent(sb, indent);
        sb.Append('-');
        WriteSeqItemValue(sb, item, indent);
    }

    private static void WriteMappingBody(StringBuilder sb, JsonObject obj, int indent)
    {
        foreach (var (key, value) in obj)
        {
            Indent(sb, indent);
            sb.Append(Key(key)).Append(':');
            WriteValueAfterKey(sb, value, indent);
        }
    }

    private static void WriteValueAfterKey(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject o when o.Count > 0:
                sb.Append('\n');
                WriteMappingBody(sb, o, indent + 2);
                break;
            case JsonArray a when a.Count > 0:
                sb.Append('\n');
                WriteSequenceBody(sb, a, indent);
                break;
            case JsonValue v when IsBlockString(v, out var s):
                WriteBlockString(sb, s, indent + 2);
                break;
            default:
                sb.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static void WriteSequenceBody(StringBuilder sb, JsonArray array, int indent)
    {
        foreach (var item in array)
            AppendSequenceItem(sb, item, indent);
    }

    private static void WriteSeqItemValue(StringBuilder sb, JsonNode? item, int indent)
    {
        switch (item)
        {
            case JsonObject o when o.Count > 0:
                var first = true;
                foreach (var (key, value) in o)
                {
                    if (first)
                    {
                        sb.Append(' ');
                        first = false;
                    }
                    else
                        Indent(sb, indent + 2);
                    sb.Append(Key(key)).Append(':');
                    WriteValueAfterKey(sb, value, indent + 2);
                }
                break;
            case JsonArray a when a.Count > 0:
                sb.Append('\n');
                WriteSequenceBody(sb, a, indent + 2);
                break;
            case JsonValue v when IsBlockString(v, out var s):
                WriteBlockString(sb, s, indent + 2);
                break;
            default:
                sb.Append(' ').Append(Inline(item)).Append('\n');
                break;
        }
    }

    private static string Key(string key) => Scalar(key);

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v => Value(v),
        _ => throw new InvalidOperationException("unknown node"),
    };

    private static string Value(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.String => Scalar(v.GetValue<string>()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => v.ToJsonString(),
        _ => throw new InvalidOperationException("unknown value kind"),
    };

    private static bool IsBlockString(JsonValue v, out string s)
    {
        s = "";
        if (v.GetValueKind() != JsonValueKind.String)
            return false;
        s = v.GetValue<string>();
        return s.Contains('\n') && s.Trim('\n').Length > 0 && !HasSpecial(s, allowNewline: true) && !s.Contains(" \n") && !s.EndsWith(' ');
    }

    private static void WriteBlockString(StringBuilder sb, string s, int indent)
    {
        sb.Append(" |");
        if (s.TrimStart('\n').StartsWith(' '))
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
                Indent(sb, indent);
            sb.Append(line).Append('\n');
        }
    }

    /// <summary>A string scalar in the plainest style that reads back as the same string.</summary>
    public static string Scalar(string s)
    {
        if (HasSpecial(s, allowNewline: false))
            return DoubleQuoted(s);
        if (NeedsQuotes(s))
            return "'" + s.Replace("'", "''") + "'";
        return s;
    }

    private static bool NeedsQuotes(string s)
    {
        if (s.Length == 0 || ScalarResolver.IsAmbiguous(s) || s == "<<" || s == "=")
            return true;
        if (s[0] is ' ' or '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`')
            return true;
        if (s[^1] is ' ' or ':')
            return true;
        return s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.Contains('\t');
    }

    private static bool HasSpecial(string s, bool allowNewline)
    {
        foreach (var c in s)
        {
            if (c is '\n' or '\t' ? !allowNewline : char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' or '\u0085')
                return true;
        }
        return false;
    }

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

    private static void Indent(StringBuilder sb, int n) => sb.Append(' ', n);
}

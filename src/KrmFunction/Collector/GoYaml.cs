using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KrmOtel.Collector;

/// <summary>
/// The collector.yaml text as the operator writes it (goccy/go-yaml with IndentSequence and AutoInt, §3.3): keys in
/// the order of the shaped config, sequences indented under their key, Go-quoted strings only where goccy quotes.
/// The generic YAML writer prints kubectl's layout (flush sequences), which would change the ConfigMap bytes.
/// </summary>
public static partial class GoYaml
{
    public static string Write(JsonObject shaped)
    {
        var sb = new StringBuilder();
        Mapping(sb, shaped, 0);
        return sb.ToString();
    }

    private static void Mapping(StringBuilder sb, JsonObject o, int indent, bool firstInline = false)
    {
        var first = true;
        foreach (var (k, v) in o)
        {
            if (!(first && firstInline))
                sb.Append(' ', indent);
            first = false;
            sb.Append(Str(k)).Append(':');
            Value(sb, v, indent);
        }
    }

    private static void Value(StringBuilder sb, JsonNode? v, int indent)
    {
        switch (v)
        {
            case JsonObject { Count: > 0 } child:
                sb.Append('\n');
                Mapping(sb, child, indent + 2);
                break;
            case JsonArray { Count: > 0 } list:
                sb.Append('\n');
                Sequence(sb, list, indent + 2);
                break;
            default:
                sb.Append(' ').Append(Inline(v)).Append('\n');
                break;
        }
    }

    private static void Sequence(StringBuilder sb, JsonArray a, int indent)
    {
        foreach (var item in a)
        {
            sb.Append(' ', indent).Append("- ");
            switch (item)
            {
                case JsonObject { Count: > 0 } o:
                    Mapping(sb, o, indent + 2, firstInline: true);
                    break;
                case JsonArray { Count: > 0 } inner:
                    sb.Append('\n');
                    Sequence(sb, inner, indent + 2);
                    break;
                default:
                    sb.Append(Inline(item)).Append('\n');
                    break;
            }
        }
    }

    private static string Inline(JsonNode? v) => v switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue s when s.GetValueKind() == JsonValueKind.String => Str(s.GetValue<string>()),
        JsonValue n when n.GetValueKind() == JsonValueKind.Number => GoNumber.G(ConfigHash.AsDouble(n)),
        JsonValue b when b.GetValueKind() == JsonValueKind.True => "true",
        _ => "false",
    };

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE", "y", "Y", "yes", "Yes", "YES",
        "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "-",
    };

    /// <summary>Plain unless goccy would quote it; quoted the way Go's strconv.Quote writes.</summary>
    public static string Str(string s) => NeedsQuotes(s) ? Quote(s) : s;

    private static bool NeedsQuotes(string s)
    {
        if (s.Length == 0 || Reserved.Contains(s) || NumberLike().IsMatch(s) || Timestamp().IsMatch(s))
            return true;
        if (s[0] is '*' or '&' or '[' or '{' or '}' or ']' or ',' or '!' or '|' or '>' or '%' or '\'' or '"' or '@' or ' ' or '`')
            return true;
        if (s[^1] is ':' or ' ')
            return true;
        return s.Contains('#') || s.Contains('\\') || s.Contains(": ", StringComparison.Ordinal) || s.Contains("- ", StringComparison.Ordinal)
            || s.Any(c => c < ' ' || c == '\u007f');
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\v': sb.Append("\\v"); break;
                case < ' ' or '\u007f': sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?0[xX][0-9a-fA-F_]+$|^[-+]?0[oO][0-7_]+$|^[-+]?0[bB][01_]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")]
    private static partial Regex NumberLike();

    [GeneratedRegex(@"^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{2}:\d{2}(\.\d+)?(Z|[-+]\d{1,2}(:\d{2})?)?)?$|^\d{1,2}:\d{1,2}$")]
    private static partial Regex Timestamp();
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KrmOtel.Collector;

/// <summary>
/// The operator's config hash (manifestutils.GetConfigMapSHA): SHA-256 of the Go encoding/json bytes of the
/// shaped config (spec/collector.md §3.2).
/// </summary>
public static class ConfigHash
{
    public static string Of(JsonObject shaped)
    {
        var bytes = Encoding.UTF8.GetBytes(GoJson(shaped));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The node as Go's encoding/json writes it: keys in the order given, no whitespace, Go string escaping.</summary>
    public static string GoJson(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in o)
                {
                    if (!first)
                        sb.Append(',');
                    first = false;
                    String(sb, k);
                    sb.Append(':');
                    Write(sb, v);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JsonValue v:
                Scalar(sb, v);
                break;
        }
    }

    private static void Scalar(StringBuilder sb, JsonValue v)
    {
        switch (v.GetValueKind())
        {
            case JsonValueKind.String:
                String(sb, v.GetValue<string>());
                break;
            case JsonValueKind.Number:
                sb.Append(GoNumber.Json(AsDouble(v)));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    public static double AsDouble(JsonValue v) => double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void String(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or (< ' '):
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}

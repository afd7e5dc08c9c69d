using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KrmOtel.Yaml;

/// <summary>
/// Resolves plain (unquoted) scalars as kubectl does: sigs.k8s.io/yaml on go-yaml v2, YAML 1.1 booleans and nulls,
/// Go's base-prefixed integers, timestamps kept as strings. Numbers keep their exact digits.
/// </summary>
public static partial class ScalarResolver
{
    private static readonly HashSet<string> Trues = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly HashSet<string> Falses = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];
    private static readonly HashSet<string> Nulls = ["", "~", "null", "Null", "NULL"];

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    /// <summary>The node a plain scalar stands for; null for YAML null.</summary>
    public static JsonNode? ResolvePlain(string text)
    {
        if (text.Length == 0)
            return null;
        var first = text[0];
        if (first is '~' or 'n' or 'N' && Nulls.Contains(text))
            return null;
        if (first is 'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O')
        {
            if (Trues.Contains(text))
                return JsonValue.Create(true);
            if (Falses.Contains(text))
                return JsonValue.Create(false);
            return JsonValue.Create(text);
        }
        if (first is (>= '0' and <= '9') or '-' or '+' or '.')
            return ResolveNumber(text) ?? JsonValue.Create(text);
        return JsonValue.Create(text);
    }

    /// <summary>True when a string written plain would read back as something other than that string.</summary>
    public static bool IsAmbiguous(string text)
    {
        if (text.Length == 0)
            return true;
        var first = text[0];
        // the longest YAML 1.1 keyword ("false") has five letters
        if (text.Length <= 5 && first is 'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~'
            && (Nulls.Contains(text) || Trues.Contains(text) || Falses.Contains(text)))
            return true;
        return first is (>= '0' and <= '9') or '-' or '+' or '.' && (ResolveNumber(text) is not null || LooksNumeric(text));
    }

    // Other YAML readers (YAML 1.1 timestamps and sexagesimals, infinities, PyYAML's floats) see numbers where
    // go-yaml does not: quote those too, so every reader agrees the value is a string.
    [GeneratedRegex(@"^[-+]?([0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.[0-9][0-9_]*([eE][-+]?[0-9]+)?|\.(inf|Inf|INF)|0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$|^\.(nan|NaN|NAN)$|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")]
    private static partial Regex NumericLooking();

    private static bool LooksNumeric(string text) => NumericLooking().IsMatch(text);

    private static JsonNode? ResolveNumber(string text)
    {
        var plain = text.Contains('_') ? text.Replace("_", "") : text;
        if (plain.Length == 0)
            return null;
        if (TryGoInteger(plain, out var integer))
            return NumberNode(integer);
        if (YamlStyleFloat().IsMatch(plain))
        {
            if (JsonNumber().IsMatch(plain))
                return RawNumber.Create(plain);
            if (double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                return RawNumber.Create(d.ToString("R", CultureInfo.InvariantCulture));
        }
        return null;
    }

    private static JsonNode NumberNode(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue
            ? JsonValue.Create((long)value)
            : RawNumber.Create(value.ToString(CultureInfo.InvariantCulture));

    // Go's strconv.ParseInt(s, 0, 64) and ParseUint: optional sign, 0x / 0o / 0b prefixes, a leading 0 means octal.
    private static bool TryGoInteger(string s, out BigInteger value)
    {
        value = BigInteger.Zero;
        var negative = false;
        var i = 0;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            i = 1;
        }
        if (i >= s.Length)
            return false;
        var radix = 10;
        if (s[i] == '0' && i + 1 < s.Length)
        {
            switch (s[i + 1])
            {
                case 'x' or 'X': radix = 16; i += 2; break;
                case 'o' or 'O': radix = 8; i += 2; break;
                case 'b' or 'B': radix = 2; i += 2; break;
                default: radix = 8; i += 1; break;
            }
            if (i >= s.Length)
                return false;
        }
        for (; i < s.Length; i++)
        {
            var digit = HexDigit(s[i]);
            if (digit < 0 || digit >= radix)
                return false;
            value = (value * radix) + digit;
        }
        if (negative)
            value = -value;
        // ParseInt covers int64, ParseUint up to 2^64-1; anything larger is a float to go-yaml, kept exact here.
        return value >= long.MinValue && (value <= ulong.MaxValue || radix == 10);
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

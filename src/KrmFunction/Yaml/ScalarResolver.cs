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
    private enum Keyword
    {
        None,
        Null,
        True,
        False,
    }

    // YAML 1.1's null and boolean words (a switch on the length and a letter, no hashing)
    private static Keyword KeywordOf(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => Keyword.Null,
        "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON" => Keyword.True,
        "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF" => Keyword.False,
        _ => Keyword.None,
    };

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    /// <summary>The node a plain scalar stands for; null for YAML null.</summary>
    public static JsonNode? ResolvePlain(string text)
    {
        switch (KeywordOf(text))
        {
            case Keyword.Null:
                return null;
            case Keyword.True:
                return JsonValue.Create(true);
            case Keyword.False:
                return JsonValue.Create(false);
        }
        var first = text[0];
        if (first is (>= '0' and <= '9') or '-' or '+' or '.')
            return ResolveNumber(text) ?? JsonValue.Create(text);
        return JsonValue.Create(text);
    }

    /// <summary>True when a string written plain would read back as something other than that string.</summary>
    public static bool IsAmbiguous(string text)
    {
        if (KeywordOf(text) != Keyword.None)
            return true;
        var first = text[0];
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

using System.Globalization;
using System.Text;

namespace KrmOtel.Collector;

/// <summary>Go's float64 formatting: encoding/json (for the hash) and strconv 'g' shortest (for the ConfigMap YAML).</summary>
public static class GoNumber
{
    /// <summary>encoding/json: shortest digits, plain notation unless |v| &lt; 1e-6 or ≥ 1e21 ("1e-7", "1e+21").</summary>
    public static string Json(double v)
    {
        var abs = Math.Abs(v);
        var (digits, point) = Shortest(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
            return Exponent(v, digits, point, minExpDigits: 1);
        return Plain(v, digits, point);
    }

    /// <summary>strconv.FormatFloat(v, 'g', -1, 64): exponent form when the decimal exponent is below -4 or at least 6 (so 1000000 is "1e+06").</summary>
    public static string G(double v)
    {
        var (digits, point) = Shortest(v);
        var exp = point - 1;
        if (v != 0 && (exp < -4 || exp >= 6))
            return Exponent(v, digits, point, minExpDigits: 2);
        return Plain(v, digits, point);
    }

    /// <summary>The shortest round-trip decimal digits and the position of the decimal point (digits × 10^(point-len)).</summary>
    private static (string Digits, int Point) Shortest(double v)
    {
        if (v == 0)
            return ("0", 1);
        // "R" gives the shortest digits; parse it into mantissa digits and exponent
        var s = Math.Abs(v).ToString("R", CultureInfo.InvariantCulture);
        var e = 0;
        var ei = s.IndexOfAny(['E', 'e']);
        if (ei >= 0)
        {
            e = int.Parse(s[(ei + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..ei];
        }
        var dot = s.IndexOf('.');
        var intPart = dot < 0 ? s : s[..dot];
        var frac = dot < 0 ? "" : s[(dot + 1)..];
        var all = intPart + frac;
        var point = intPart.Length + e;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
            lead++;
        all = all[lead..];
        point -= lead;
        all = all.TrimEnd('0');
        return (all.Length == 0 ? "0" : all, point);
    }

    private static string Plain(double v, string digits, int point)
    {
        var sb = new StringBuilder();
        if (v < 0)
            sb.Append('-');
        if (point <= 0)
            sb.Append("0.").Append('0', -point).Append(digits);
        else if (point >= digits.Length)
            sb.Append(digits).Append('0', point - digits.Length);
        else
            sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        return sb.ToString();
    }

    private static string Exponent(double v, string digits, int point, int minExpDigits)
    {
        var sb = new StringBuilder();
        if (v < 0)
            sb.Append('-');
        sb.Append(digits[0]);
        if (digits.Length > 1)
            sb.Append('.').Append(digits, 1, digits.Length - 1);
        var exp = point - 1;
        sb.Append('e').Append(exp < 0 ? '-' : '+');
        sb.Append(Math.Abs(exp).ToString(CultureInfo.InvariantCulture).PadLeft(minExpDigits, '0'));
        return sb.ToString();
    }
}

using System.Text.RegularExpressions;

namespace KrmOtel.Collector;

/// <summary>The operator's object names (internal/naming): trimmed to 63 characters, then made DNS-safe.</summary>
public static partial class Naming
{
    public const int MaxLength = 63;

    /// <summary>The format with its parts filled in; when too long the first parts give up the excess (naming.Truncate).</summary>
    public static string Truncate(string format, params string[] parts)
    {
        var result = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, parts);
        var excess = result.Length - MaxLength;
        if (excess > 0)
        {
            var shortened = (string[])parts.Clone();
            for (var i = 0; i < shortened.Length && excess > 0; i++)
            {
                var cut = Math.Min(excess, shortened[i].Length);
                shortened[i] = shortened[i][..(shortened[i].Length - cut)];
                excess -= cut;
            }
            result = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, shortened);
        }
        return result.Length > MaxLength ? result[..MaxLength] : TrimNonAlphanumeric(result);
    }

    /// <summary>Lower case, every other character a '-', or an 'a' at either end (naming.DNSName).</summary>
    public static string Dns(string s)
    {
        var chars = s.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
                continue;
            chars[i] = i == 0 || i == chars.Length - 1 ? 'a' : '-';
        }
        return new string(chars);
    }

    private static string TrimNonAlphanumeric(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && !char.IsAsciiLetterOrDigit(s[start]))
            start++;
        while (end > start && !char.IsAsciiLetterOrDigit(s[end - 1]))
            end--;
        return s[start..end];
    }

    public static string Collector(string name) => Dns(Truncate("{0}-collector", name));

    public static string ConfigMap(string name, string hash) => Dns(Truncate("{0}-collector-{1}", name, hash[..8]));

    public static string Headless(string name) => Dns(Truncate("{0}-headless", Collector(name)));

    public static string Monitoring(string name) => Dns(Truncate("{0}-monitoring", Collector(name)));

    public static string Extension(string name) => Dns(Truncate("{0}-extension", Collector(name)));

    public static string NetworkPolicy(string name) => Dns(Truncate("{0}-collector-networkpolicy", name));

    public static string Instance(string ns, string name) => Truncate("{0}.{1}", ns, name);

    /// <summary>The port name for a component id (naming.PortName): the id made DNS-like, or port-N when it cannot be.</summary>
    public static string PortName(string id, int port)
    {
        if (id.Length > 15)
            return "port-" + port;
        var candidate = id.Replace('/', '-').Replace('_', '-');
        return PortNamePattern().IsMatch(candidate) ? candidate : "port-" + port;
    }

    /// <summary>An IANA service name as the webhook checks it: ≤15, lower-case alphanumerics and '-', a letter, no "--" or edge '-'.</summary>
    public static bool IsServiceName(string name) =>
        name.Length is > 0 and <= 15 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name.Any(char.IsAsciiLetter) && !name.Contains("--", StringComparison.Ordinal) && name[0] != '-' && name[^1] != '-';

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex PortNamePattern();
}

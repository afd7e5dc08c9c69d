using System.Buffers;

namespace KrmOtel.Instrumentation;

/// <summary>The service version the operator reads from an image reference (parseServiceVersionFromImage, §6.5).</summary>
public static class ImageReference
{
    /// <summary>
    /// tag, tag@digest, the digest alone, or "" when there is neither or the reference does not parse as
    /// distribution/reference v0.6.0 <c>Parse</c> parses it (its regexp.go grammar, a repository path of at most 255
    /// characters, and go-digest v1.0.0's check of the digest: sha256, sha384 or sha512 in lower-case hex of its length).
    /// </summary>
    public static string ServiceVersion(string image)
    {
        var reference = image.AsSpan();
        var digest = ReadOnlySpan<char>.Empty;
        if (reference.IndexOf('@') is var at and >= 0)
        {
            digest = reference[(at + 1)..];
            reference = reference[..at];
            if (!IsDigest(digest))
                return "";
        }
        // a tag follows the last ':' after the last '/' (a path has no ':', a port comes before a '/')
        var tag = ReadOnlySpan<char>.Empty;
        if (reference.LastIndexOf(':') is var colon and >= 0 && colon > reference.LastIndexOf('/'))
        {
            tag = reference[(colon + 1)..];
            reference = reference[..colon];
            if (!IsTag(tag))
                return "";
        }
        if (!IsName(reference, out var pathLength) || pathLength > 255)
            return "";
        if (digest.Length > 0)
            return tag.Length > 0 ? string.Concat(tag, "@", digest) : digest.ToString();
        return tag.ToString();
    }

    // anchoredNameRegexp: `(domainAndPort/)?remoteName`, a domain taken where there can be one
    private static bool IsName(ReadOnlySpan<char> name, out int pathLength)
    {
        if (name.IndexOf('/') is var slash and >= 0 && IsDomainAndPort(name[..slash]) && IsRemoteName(name[(slash + 1)..]))
            pathLength = name.Length - slash - 1;
        else
            pathLength = IsRemoteName(name) ? name.Length : -1;
        return pathLength >= 0;
    }

    // pathComponent (`/` pathComponent)*, a pathComponent being [a-z0-9]+ ((`.`|`_`|`__`|`-`+) [a-z0-9]+)*
    private static bool IsRemoteName(ReadOnlySpan<char> name)
    {
        var i = 0;
        while (true)
        {
            if (!Alphanumerics(name, ref i))
                return false;
            if (i == name.Length)
                return true;
            switch (name[i])
            {
                case '/' or '.':
                    i++;
                    break;
                case '_':
                    i += i + 1 < name.Length && name[i + 1] == '_' ? 2 : 1;
                    break;
                case '-':
                    while (i < name.Length && name[i] == '-')
                        i++;
                    break;
                default:
                    return false;
            }
        }
    }

    private static bool Alphanumerics(ReadOnlySpan<char> s, ref int i)
    {
        var start = i;
        while (i < s.Length && (char.IsAsciiLetterLower(s[i]) || char.IsAsciiDigit(s[i])))
            i++;
        return i > start;
    }

    // (domainName | ipv6address) (`:` [0-9]+)?
    private static bool IsDomainAndPort(ReadOnlySpan<char> domain)
    {
        ReadOnlySpan<char> host;
        if (domain.StartsWith('['))
        {
            // ipv6address: `[` [a-fA-F0-9:]+ `]`
            var close = domain.IndexOf(']');
            if (close < 2 || domain[1..close].ContainsAnyExcept(Ipv6Chars))
                return false;
            host = [];
            domain = domain[(close + 1)..];
            if (domain.Length == 0)
                return true;
            if (domain[0] != ':')
                return false;
        }
        else
        {
            var colon = domain.IndexOf(':');
            host = colon < 0 ? domain : domain[..colon];
            domain = colon < 0 ? [] : domain[colon..];
            if (!IsDomainName(host))
                return false;
            if (domain.Length == 0)
                return true;
        }
        // what is left is the port, after its ':'
        return domain.Length > 1 && !domain[1..].ContainsAnyExceptInRange('0', '9');
    }

    // domainNameComponent (`.` domainNameComponent)*, a component being letters, digits and '-', not at its ends
    private static bool IsDomainName(ReadOnlySpan<char> host)
    {
        foreach (var range in host.Split('.'))
        {
            var component = host[range];
            if (component.Length == 0 || !char.IsAsciiLetterOrDigit(component[0]) || !char.IsAsciiLetterOrDigit(component[^1]))
                return false;
            foreach (var c in component)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                    return false;
            }
        }
        return true;
    }

    // tag: [\w][\w.-]{0,127}, Go's \w being [0-9A-Za-z_]
    private static bool IsTag(ReadOnlySpan<char> tag)
    {
        if (tag.Length is 0 or > 128 || !IsWord(tag[0]))
            return false;
        foreach (var c in tag)
        {
            if (!IsWord(c) && c is not ('.' or '-'))
                return false;
        }
        return true;
    }

    private static readonly SearchValues<char> Ipv6Chars = SearchValues.Create("0123456789abcdefABCDEF:");
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // go-digest: an algorithm the operator's binary links, then lower-case hex of exactly its length (which also
    // satisfies the reference grammar's digest pattern)
    private static bool IsDigest(ReadOnlySpan<char> digest)
    {
        var colon = digest.IndexOf(':');
        if (colon < 0)
            return false;
        var hexLength = digest[..colon] switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => -1,
        };
        var encoded = digest[(colon + 1)..];
        return encoded.Length == hexLength && !encoded.ContainsAnyExcept(LowerHex);
    }

    /// <summary>The image with its registry replaced by (or prefixed with) <paramref name="registry"/>.</summary>
    public static string WithRegistry(string image, string registry)
    {
        if (registry.Length == 0)
            return image;
        var slash = image.IndexOf('/');
        var first = slash < 0 ? "" : image[..slash];
        var hasRegistry = first.Contains('.') || first.Contains(':') || first == "localhost";
        return registry.TrimEnd('/') + "/" + (hasRegistry ? image[(slash + 1)..] : image);
    }
}

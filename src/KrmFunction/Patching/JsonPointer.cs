using System.Globalization;
using System.Runtime.CompilerServices;

namespace KrmOtel.Patching;

/// <summary>RFC 6901 pointers: `~` is written `~0` and `/` is written `~1` inside a token.</summary>
public static class JsonPointer
{
    public static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");

    public static string Unescape(string token) => token.Contains('~') ? token.Replace("~1", "/").Replace("~0", "~") : token;

    public static string Of(params object[] tokens) => Append("", tokens);

    public static string Append(string pointer, params object[] tokens)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        text.AppendLiteral(pointer);
        foreach (var t in tokens)
        {
            text.AppendLiteral("/");
            if (t is int i)
                text.AppendFormatted(i);
            else
                text.AppendLiteral(Escape((string)t));
        }
        return text.ToStringAndClear();
    }

    public static string[] Parse(string pointer)
    {
        if (pointer.Length == 0)
            return [];
        if (pointer[0] != '/')
            throw new PatchException($"pointer \"{pointer}\" does not start with /");
        var tokens = pointer[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
            tokens[i] = Unescape(tokens[i]);
        return tokens;
    }
}

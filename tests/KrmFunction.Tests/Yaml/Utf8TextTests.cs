using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Yaml;

/// <summary>
/// <see cref="Utf8Text"/> is the writer's output: its bytes must be exactly what <see cref="Encoding.UTF8"/> makes of
/// the same characters, and the writer's word check (eight characters at a time) must say "plain word" exactly where
/// the rule it stands for does.
/// </summary>
public class Utf8TextTests
{
    // the rule as the writer states it: a letter, then letters, digits, '-', '.', '_', '/'; YAML 1.1 keywords quoted
    private static readonly SearchValues<char> WordChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/");

    private static bool IsPlainWord(string s) =>
        s.Length > 0 && char.IsAsciiLetter(s[0]) && !s.AsSpan().ContainsAnyExcept(WordChars) && (s.Length > 5 || !ScalarResolver.IsAmbiguous(s));

    // mostly word characters, so that words of every length (the vector path and its tail) are common
    private static Arbitrary<string> WordLike() =>
        Gen.Frequency(
                (20, Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/".ToCharArray())),
                (1, Gen.Elements(" :#'\"\n\t\\$()=,`~!@%^&*+[]{}|<>?;é☃\u0000\u007f\u0080\u00ff\u0100\u2028".ToCharArray())),
                (1, Gen.Choose(0, 0xFFFF).Select(i => (char)i)))
            .ArrayOf()
            .Select(cs => new string(cs))
            .ToArbitrary();

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Any_string_is_written_as_its_UTF8_bytes() => Prop.ForAll(WordLike(), s =>
    {
        var text = new Utf8Text(16);
        text.Append("a");
        text.Append(s);
        text.Append(s.AsSpan());
        return text.Written.SequenceEqual(Encoding.UTF8.GetBytes("a" + s + s));
    });

    [Fact]
    public void Lone_surrogates_become_replacement_characters_as_on_the_way_to_stdout()
    {
        var text = new Utf8Text();
        text.Append("x\uD800y\uDC00");
        Assert.Equal(Encoding.UTF8.GetBytes("x\uFFFDy\uFFFD"), text.Written.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    public void Spaces_are_exactly_as_many_as_asked(int n)
    {
        var text = new Utf8Text(1);
        text.Append("-");
        text.Spaces(n);
        text.Append("|");
        Assert.Equal("-" + new string(' ', n) + "|", text.ToString());
    }

    [Fact]
    public void Text_grows_past_its_first_capacity()
    {
        var text = new Utf8Text(1);
        var expected = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            text.Append($"line {i} é\n");
            text.Spaces(i % 20);
            expected.Append($"line {i} é\n").Append(' ', i % 20);
        }
        Assert.Equal(expected.ToString(), text.ToString());
    }

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property A_value_or_key_is_written_plain_exactly_where_it_is_a_plain_word() => Prop.ForAll(WordLike(), s =>
    {
        var written = YamlWriter.Write(new JsonObject { [s] = s, ["list"] = new JsonArray(s) });
        if (IsPlainWord(s))
            return YamlWriter.Scalar(s) == s && written == $"{s}: {s}\nlist:\n- {s}\n";
        // the text is UTF-8 on its way: a lone surrogate is U+FFFD there, as it would be on the way to stdout
        static string AsWritten(string t) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(t));
        // anything else in Scalar's style, key and value alike (a string of several lines may be a block instead)
        var scalar = YamlWriter.Scalar(s);
        return s.Contains('\n')
            ? written.StartsWith(AsWritten(scalar + ":"), StringComparison.Ordinal)
            : written == AsWritten($"{scalar}: {scalar}\nlist:\n- {scalar}\n");
    });
}

using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using KrmOtel.Instrumentation;

namespace KrmOtel.Tests.Instrumentation;

/// <summary>
/// The service version the operator reads from an image (sdk.go parseServiceVersionFromImage): what
/// distribution/reference v0.6.0 <c>Parse</c> and go-digest v1.0.0 <c>Validate</c> accept, and nothing else.
/// </summary>
public class ImageReferenceTests
{
    private static readonly string Sha256 = "232a180dbcbcfa7250917507f3827d88a9ae89bb1cdd8fe3ac4db7b764ebb25a";

    [Theory]
    // the operator's Test_parseServiceVersionFromImage (sdk_test.go)
    [InlineData("img", "")]
    [InlineData("img:1", "1")]
    [InlineData("img:1@sha256:232a180dbcbcfa7250917507f3827d88a9ae89bb1cdd8fe3ac4db7b764ebb25a", "1@sha256:232a180dbcbcfa7250917507f3827d88a9ae89bb1cdd8fe3ac4db7b764ebb25a")]
    [InlineData("img@sha256:232a180dbcbcfa7250917507f3827d88a9ae89bb1cdd8fe3ac4db7b764ebb25a", "sha256:232a180dbcbcfa7250917507f3827d88a9ae89bb1cdd8fe3ac4db7b764ebb25a")]
    [InlineData("registry.io/img", "")]
    [InlineData("registry.io:8080/img", "")]
    [InlineData("img:latest", "latest")]
    // the grammar's corners
    [InlineData("localhost:5000/team/app:v1.2.3", "v1.2.3")]
    [InlineData("[::1]:5000/app:2", "2")]
    [InlineData("Registry.IO/app:2", "2")]
    [InlineData("registry.io/App:2", "")] // a path is lower case
    [InlineData("a__b/c---d/e.f_g:x", "x")]
    [InlineData("a___b:x", "")]
    [InlineData("a._b:x", "")]
    [InlineData("app:", "")]
    [InlineData("app:-x", "")]
    [InlineData("app:_x.y-z", "_x.y-z")]
    [InlineData("app:1:2", "")]
    [InlineData("app:1\n", "")] // Go's $ is the end of the text
    [InlineData("app:日本", "")] // Go's \w is ASCII
    public void The_version_is_the_tag_and_digest_the_operator_reads(string image, string version) =>
        Assert.Equal(version, ImageReference.ServiceVersion(image));

    [Theory]
    [InlineData("sha256:232A180DBCBCFA7250917507F3827D88A9AE89BB1CDD8FE3AC4DB7B764EBB25A")] // go-digest: lower-case hex only
    [InlineData("sha256:232a180dbcbcfa7250917507f3827d88")] // 32 hex digits pass the grammar, not sha256's length
    [InlineData("md5:232a180dbcbcfa7250917507f3827d88")] // an algorithm go-digest does not know
    public void A_digest_go_digest_refuses_gives_no_version(string digest)
    {
        Assert.Equal("", ImageReference.ServiceVersion("app:1@" + digest));
        Assert.Equal("1@sha512:" + Sha256 + Sha256, ImageReference.ServiceVersion("app:1@sha512:" + Sha256 + Sha256));
    }

    [Fact]
    public void The_repository_path_is_at_most_255_characters()
    {
        var path = new string('a', 255);
        Assert.Equal("1", ImageReference.ServiceVersion(path + ":1"));
        Assert.Equal("1", ImageReference.ServiceVersion("registry.io/" + path + ":1")); // the domain does not count
        Assert.Equal("", ImageReference.ServiceVersion(path + "a:1"));
    }

    // The same grammar as Go regular expressions, translated: distribution/reference regexp.go, with Go's ASCII \w
    // and [[:xdigit:]] spelled out and its end of text as \z.
    private const string Alnum = "[a-z0-9]+";
    private const string Separator = "(?:[._]|__|[-]+)";
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string DomainAndPort = "(?:" + DomainComponent + @"(?:\." + DomainComponent + @")*|\[(?:[a-fA-F0-9:]+)\])(?::[0-9]+)?";
    private const string PathComponent = Alnum + "(?:" + Separator + Alnum + ")*";
    private const string RemoteName = PathComponent + "(?:/" + PathComponent + ")*";
    private const string Tag = "[0-9A-Za-z_][0-9A-Za-z_.-]{0,127}";
    private const string Digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";
    private static readonly Regex Reference = new("^((?:" + DomainAndPort + "/)?" + RemoteName + ")(?::(" + Tag + "))?(?:@(" + Digest + @"))?\z", RegexOptions.CultureInvariant);
    private static readonly Regex AnchoredName = new("^(?:(" + DomainAndPort + ")/)?(" + RemoteName + @")\z", RegexOptions.CultureInvariant);

    // reference.go Parse, then go-digest's Validate, then parseServiceVersionFromImage
    private static string Oracle(string image)
    {
        var m = Reference.Match(image);
        if (!m.Success)
            return "";
        var name = AnchoredName.Match(m.Groups[1].Value);
        if (name.Groups[2].Value.Length > 255)
            return "";
        var (tag, digest) = (m.Groups[2].Value, m.Groups[3].Value);
        if (digest.Length > 0)
        {
            var colon = digest.IndexOf(':');
            var size = digest[..colon] switch { "sha256" => 64, "sha384" => 96, "sha512" => 128, _ => -1 };
            if (digest.Length - colon - 1 != size || !Regex.IsMatch(digest[(colon + 1)..], @"^[a-f0-9]+\z"))
                return "";
            return tag.Length > 0 ? tag + "@" + digest : digest;
        }
        return tag;
    }

    private static readonly string[] Pieces =
    [
        "a", "b0", "Z", "9", "x-y", "a.b", "a__b", "a___b", "a_b", "-", "--", ".", "_", "__", "/", "//", ":", ":5000", ":x",
        "@", "[::1]", "[", "]", "localhost", "Registry.io", "sha256:", "sha384:", "sha512:", "md5:", "a+b:", Sha256,
        Sha256.ToUpperInvariant(), Sha256[..32], Sha256 + Sha256[..32], Sha256 + Sha256, "latest", "v1.2.3", "日本", "\n", " ",
        new string('t', 130), new string('p', 250),
    ];

    // images made of pieces that are valid and invalid in every part of the grammar, and of those parts in order
    private static Arbitrary<string> Images() => Arb.From(Gen.OneOf(
        from n in Gen.Choose(0, 8)
        from pieces in Gen.ArrayOf(Gen.Elements(Pieces), n)
        select string.Concat(pieces),
        from domain in Gen.Elements("", "registry.io/", "localhost:5000/", "[::1]:80/", "a-/", "-a/", "a..b/", "A_b/")
        from path in Gen.Elements("app", "team/app", "a.b_c__d---e", "App", "a/", "/a", new string('p', 255), new string('p', 256))
        from tag in Gen.Elements("", ":1", ":latest", ":_x", ":-x", ":" + new string('t', 128), ":" + new string('t', 129), ":é")
        from digest in Gen.Elements("", "@sha256:" + Sha256, "@sha512:" + Sha256 + Sha256, "@sha256:" + Sha256.ToUpperInvariant(), "@sha1:" + Sha256, "@sha256:" + Sha256[..40])
        select domain + path + tag + digest));

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Any_image_reads_as_the_operators_grammar_reads_it() =>
        Prop.ForAll(Images(), image => ImageReference.ServiceVersion(image) == Oracle(image));
}

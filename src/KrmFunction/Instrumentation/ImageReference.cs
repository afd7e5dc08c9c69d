using System.Text.RegularExpressions;

namespace KrmOtel.Instrumentation;

/// <summary>The service version the operator reads from an image reference (parseServiceVersionFromImage, §6.5).</summary>
public static partial class ImageReference
{
    [GeneratedRegex(@"^(?:(?<domain>(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?)/)?(?<path>[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$")]
    private static partial Regex Reference();

    /// <summary>tag, tag@digest, the digest alone, or "" when there is neither or the reference does not parse.</summary>
    public static string ServiceVersion(string image)
    {
        var m = Reference().Match(image);
        if (!m.Success || m.Length > 255 + 128 + 80)
            return "";
        var tag = m.Groups["tag"].Value;
        var digest = m.Groups["digest"].Value;
        if (digest.Length > 0)
            return tag.Length > 0 ? tag + "@" + digest : digest;
        return tag;
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

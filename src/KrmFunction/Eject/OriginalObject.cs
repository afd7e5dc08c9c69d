using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Yaml;

namespace KrmOtel.Eject;

/// <summary>An input object as it was before the render edited it in place: its document text and a copy of its tree.</summary>
public sealed record OriginalObject(Resource Item, string Text, JsonObject Node)
{
    /// <summary>Taken before the render: the text render would write for the untouched object, and a deep copy.</summary>
    public static OriginalObject Capture(Resource item) =>
        new(item, item.Source is { } source ? source + "\n" : Document(item.Node, item.Styles, item), (JsonObject)item.Node.DeepClone());

    /// <summary>A document as render writes a changed object (StreamCodec): leading comments, then block YAML.</summary>
    public static string Document(JsonObject node, ScalarStyles styles, Resource item)
    {
        var text = new Utf8Text();
        if (item.LeadingComments is { } comments)
        {
            text.Append(comments);
            text.Append('\n');
        }
        YamlWriter.WriteDocument(text, node, styles);
        return text.ToString();
    }
}

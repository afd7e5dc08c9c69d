using System.Text;
using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Yaml;

namespace KrmOtel.Protocol;

/// <summary>Plain multi-document YAML streams: kustomize's legacy plugins and the render command.</summary>
public static class StreamCodec
{
    public static List<Resource> Read(string text, string? path, List<Finding> findings, bool skipKustomize = false)
    {
        try
        {
            var docs = YamlReader.ReadStream(text);
            return Items.FromDocuments(docs, path, findings, skipKustomize: skipKustomize);
        }
        catch (YamlInputException e)
        {
            findings.Add(new Finding(Severity.Error, $"not valid YAML: line {e.Line}: {e.Message}", File: path is null ? null : new FileRef(path, 0)));
            return [];
        }
    }

    /// <summary>Block YAML documents separated by `---`; untouched objects are written exactly as they were read.</summary>
    public static string Write(IEnumerable<Resource> items, bool forCluster)
    {
        var text = new StringWriter();
        Write(text, items, forCluster);
        return text.ToString();
    }

    /// <inheritdoc cref="Write(IEnumerable{Resource}, bool)"/>
    public static void Write(TextWriter output, IEnumerable<Resource> items, bool forCluster)
    {
        var list = items.ToList();
        // changed objects are written on every core; the stream keeps their order
        var rewritten = new string?[list.Count];
        Parallel.For(0, list.Count, Rendering.Renderer.Workers(list.Count), i =>
        {
            if (forCluster)
                StripToolAnnotations(list[i]);
            if (list[i].Source is null)
            {
                var one = new Utf8Text();
                AppendChanged(one, list[i]);
                rewritten[i] = one.ToString();
            }
        });
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
                output.Write("---\n");
            if (rewritten[i] is { } text)
                output.Write(text);
            else
            {
                output.Write(list[i].Source);
                output.Write('\n');
            }
        }
    }

    /// <summary>One object as a document after a `---` line; <paramref name="scratch"/> is where a changed one is written first.</summary>
    public static void Append(Utf8Buffer output, Resource item, bool forCluster, Utf8Text scratch)
    {
        if (forCluster)
            StripToolAnnotations(item);
        output.Append("---\n");
        if (item.Source is { } source)
        {
            output.Append(source);
            output.Append('\n');
            return;
        }
        scratch.Clear();
        AppendChanged(scratch, item);
        output.Append(scratch.Written);
    }

    private static void AppendChanged(Utf8Text text, Resource item)
    {
        if (item.LeadingComments is { } comments)
        {
            text.Append(comments);
            text.Append('\n');
        }
        YamlWriter.WriteDocument(text, item.Node, item.Styles);
    }

    /// <summary>Removes the annotations only kpt and kustomize read (a cluster, or Argo CD, would keep them).</summary>
    public static void StripToolAnnotations(Resource item)
    {
        if (item.Node.At("metadata", "annotations") is not JsonObject annotations)
            return;
        List<string>? tool = null; // most objects have none: no list, no query
        foreach (var (key, _) in annotations)
        {
            if (Annotations.IsToolAnnotation(key))
                (tool ??= []).Add(key);
        }
        if (tool is null)
            return;
        foreach (var key in tool)
            annotations.Remove(key);
        if (annotations.Count == 0)
            item.Node["metadata"]!.AsObject().Remove("annotations");
        item.MarkChanged();
    }
}

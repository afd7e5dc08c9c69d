using System.Text;
using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Yaml;

namespace KrmOtel.Protocol;

/// <summary>A ResourceList read from stdin: its version (echoed back), items and function config.</summary>
public sealed record ResourceListInput(string ApiVersion, List<Resource> Items, JsonObject? FunctionConfig);

/// <summary>The KRM Functions Specification's ResourceList envelope (spec/krm.md).</summary>
public static class ResourceListCodec
{
    public const string V1 = "config.kubernetes.io/v1";
    private static readonly string[] Versions = [V1, "config.kubernetes.io/v1beta1", "config.kubernetes.io/v1alpha1"];

    public static ResourceListInput Read(string text, List<Finding> findings)
    {
        JsonNode? root;
        List<YamlDocument> itemDocs;
        try
        {
            (root, itemDocs) = YamlReader.ReadEnvelope(text, "items");
        }
        catch (YamlInputException e)
        {
            findings.Add(new Finding(Severity.Error, $"ResourceList: line {e.Line}: {e.Message}"));
            return new ResourceListInput(V1, [], null);
        }
        return Interpret(root, itemDocs, findings);
    }

    /// <summary>The envelope read: its root, and its items apart with their source.</summary>
    public static ResourceListInput Interpret(JsonNode? root, List<YamlDocument> itemDocs, List<Finding> findings)
    {
        if (root is not JsonObject list || list["kind"]?.ToString() != "ResourceList")
        {
            findings.Add(new Finding(Severity.Error, "stdin is not a ResourceList (kind: ResourceList); to render files use: krm-otel render PATH"));
            return new ResourceListInput(V1, [], null);
        }
        var version = list["apiVersion"]?.ToString() ?? "";
        if (!Versions.Contains(version))
            findings.Add(new Finding(Severity.Error, $"ResourceList apiVersion \"{version}\" is not one of {string.Join(", ", Versions)}", Field: "apiVersion"));
        var config = list["functionConfig"];
        if (config is not null and not JsonObject)
            findings.Add(new Finding(Severity.Error, "ResourceList functionConfig is not an object", Field: "functionConfig"));
        switch (list["items"])
        {
            case null:
                return new ResourceListInput(Versions.Contains(version) ? version : V1, [], config as JsonObject);
            case JsonArray:
                return new ResourceListInput(Versions.Contains(version) ? version : V1, Items.FromDocuments(itemDocs, null, findings, "item"), config as JsonObject);
            default:
                findings.Add(new Finding(Severity.Error, "ResourceList items is not a list", Field: "items"));
                return new ResourceListInput(V1, [], config as JsonObject);
        }
    }

    public static string Write(string apiVersion, IEnumerable<Resource> items, IReadOnlyList<Finding> findings)
    {
        var sb = new StringBuilder();
        var list = items.ToList();
        AppendHead(sb, apiVersion, list.Count > 0);
        var text = new Utf8Text();
        foreach (var item in list)
            AppendItem(text, item);
        sb.Append(text.ToString());
        WriteResults(new StringWriter(sb), findings);
        return sb.ToString();
    }

    /// <summary>`apiVersion`, `kind` and the `items:` line (`items: []` when there are none).</summary>
    public static void AppendHead(StringBuilder sb, string apiVersion, bool anyItems)
    {
        sb.Append("apiVersion: ").Append(apiVersion).Append('\n');
        sb.Append("kind: ResourceList\n");
        sb.Append(anyItems ? "items:\n" : "items: []\n");
    }

    /// <summary>One item of the `items:` sequence, written as it was read when untouched.</summary>
    public static void AppendItem(Utf8Text text, Resource item)
    {
        if (item.Source is { } source)
            YamlWriter.AppendSequenceItemSource(text, source, 0);
        else if (item.LeadingComments is { } comments)
        {
            // the comments go between the dash and the first key, where they were read
            YamlWriter.AppendSequenceItemSource(text, comments, 0);
            var body = text.Length;
            YamlWriter.AppendSequenceItem(text, item.Node, 0, item.Styles);
            text.Overwrite(body, "  "u8);
        }
        else
            YamlWriter.AppendSequenceItem(text, item.Node, 0, item.Styles);
    }

    /// <summary>The `results:` of the findings, if any, written one at a time (an info for each of thousands of pods).</summary>
    public static void WriteResults(TextWriter output, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
            return;
        output.Write("results:\n");
        // written out in blocks of about 64 KiB
        var text = new Utf8Text(1 << 16);
        foreach (var f in findings)
        {
            YamlWriter.AppendSequenceItem(text, Result(f), 0);
            if (text.Length >= 1 << 16)
            {
                Utf8Buffer.Write(output, text.Written);
                text.Clear();
            }
        }
        Utf8Buffer.Write(output, text.Written);
    }

    /// <summary>A finding as a KRM result: message, severity, resourceRef, field, file.</summary>
    public static JsonObject Result(Finding f)
    {
        var r = new JsonObject { ["message"] = f.Message, ["severity"] = f.Severity.ToString().ToLowerInvariant() };
        if (f.Resource is { } res)
        {
            var rr = new JsonObject { ["apiVersion"] = res.ApiVersion, ["kind"] = res.Kind, ["name"] = res.Name };
            if (res.Namespace is not null)
                rr["namespace"] = res.Namespace;
            r["resourceRef"] = rr;
        }
        if (f.Field is not null)
            r["field"] = new JsonObject { ["path"] = f.Field };
        if (f.File is { } file)
            r["file"] = new JsonObject { ["path"] = file.Path, ["index"] = file.Index };
        return r;
    }
}

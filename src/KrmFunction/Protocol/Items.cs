using System.Text.Json;
using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Yaml;

namespace KrmOtel.Protocol;

/// <summary>Turns parsed documents into <see cref="Resource"/>s, refusing what is not a KRM object with a finding.</summary>
public static class Items
{
    /// <param name="skipKustomize">leave out kustomize's own files (kustomization.yaml) with an info: for render only</param>
    /// <param name="firstIndex">the index in its file of the first document (a part of a stream read alone)</param>
    public static List<Resource> FromDocuments(IReadOnlyList<YamlDocument> docs, string? path, List<Finding> findings, string what = "document", bool skipKustomize = false, int firstIndex = 0)
    {
        var result = new List<Resource>(docs.Count);
        for (var k = 0; k < docs.Count; k++)
        {
            var i = firstIndex + k;
            var where = $"{what} {i}";
            var file = path is null ? null : new FileRef(path, i);
            if (docs[k].Root is not JsonObject obj)
            {
                findings.Add(new Finding(Severity.Error, $"{where} (line {docs[k].Line}) is not an object", File: file));
                continue;
            }
            if (skipKustomize && obj["apiVersion"].AsString()?.StartsWith("kustomize.config.k8s.io/", StringComparison.Ordinal) == true)
            {
                findings.Add(new Finding(Severity.Info, $"{where} (line {docs[k].Line}) skipped: a kustomize file, not an object for the cluster", File: file));
                continue;
            }
            if (Problem(obj) is { } problem)
            {
                findings.Add(new Finding(Severity.Error, $"{where} (line {docs[k].Line}) {problem}", File: file));
                continue;
            }
            result.Add(new Resource(obj, docs[k].Source, file, docs[k].Styles, docs[k].LeadingComments));
        }
        return result;
    }

    /// <summary>What makes an object not a KRM resource, or null.</summary>
    public static string? Problem(JsonObject obj)
    {
        if (!IsString(obj["apiVersion"]))
            return "has no apiVersion";
        if (!IsString(obj["kind"]))
            return "has no kind";
        if (obj["metadata"] is not JsonObject meta)
            return "has no metadata";
        if (!IsString(meta["name"]) && !IsString(meta["generateName"]))
            return "has no metadata.name";
        if (meta["annotations"] is { } a && a is not JsonObject)
            return "has metadata.annotations that is not a map";
        return null;
    }

    private static bool IsString(JsonNode? n) => n?.GetValueKind() == JsonValueKind.String && n.GetValue<string>().Length > 0;
}

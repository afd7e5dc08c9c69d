using System.Globalization;
using System.Text.Json.Nodes;

namespace KrmOtel.Model;

/// <summary>The annotations kpt and kustomize put on items, and reading annotations off a tree.</summary>
public static class Annotations
{
    public const string LocalConfig = "config.kubernetes.io/local-config";
    public const string Path = "config.kubernetes.io/path";
    public const string Index = "config.kubernetes.io/index";
    public const string InternalPath = "internal.config.kubernetes.io/path";
    public const string InternalIndex = "internal.config.kubernetes.io/index";
    public const string Function = "config.kubernetes.io/function";

    /// <summary>Annotations that only the host tools read: stripped from a plain stream meant for a cluster.</summary>
    public static bool IsToolAnnotation(string key) =>
        key.StartsWith("internal.config.kubernetes.io/", StringComparison.Ordinal)
        || key.StartsWith("kustomize.config.k8s.io/", StringComparison.Ordinal)
        || key is "config.k8s.io/id" or Path or Index or Function;

    public static string? Get(JsonObject obj, string key) =>
        obj.At("metadata", "annotations", key).AsString();

    public static FileRef? FileOf(JsonObject obj)
    {
        var path = Get(obj, Path) ?? Get(obj, InternalPath);
        if (path is null)
            return null;
        var index = Get(obj, Index) ?? Get(obj, InternalIndex);
        return new FileRef(path, int.TryParse(index, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : 0);
    }
}

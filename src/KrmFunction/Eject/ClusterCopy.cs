using System.Text.Json.Nodes;
using KrmOtel.Model;

namespace KrmOtel.Eject;

/// <summary>A copy of an object without the annotations only kpt and kustomize read, as render writes it for a cluster.</summary>
public static class ClusterCopy
{
    /// <param name="node">left as it is</param>
    /// <param name="keepEmptyAnnotations">keep the map when stripping empties it (a patch adds into it later)</param>
    /// <param name="stripped">whether any annotation was taken out</param>
    public static JsonObject Of(JsonObject node, bool keepEmptyAnnotations, out bool stripped)
    {
        var copy = (JsonObject)node.DeepClone();
        stripped = false;
        if (copy.At("metadata", "annotations") is not JsonObject annotations)
            return copy;
        var tool = annotations.Select(p => p.Key).Where(Annotations.IsToolAnnotation).ToList();
        if (tool.Count == 0)
            return copy;
        stripped = true;
        foreach (var key in tool)
            annotations.Remove(key);
        if (annotations.Count == 0 && !keepEmptyAnnotations)
            copy["metadata"]!.AsObject().Remove("annotations");
        return copy;
    }
}

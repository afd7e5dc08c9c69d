using System.Text;
using System.Text.Json.Nodes;
using KrmOtel.Model;

namespace KrmOtel.Eject;

/// <summary>
/// A kustomize patch target naming exactly one object. kustomize reads each field as an anchored regular expression
/// and an absent field as "any", so every value is escaped, and the namespace of an object without one is left out
/// unless another object shares its kind and name (then <c>default</c>, which kustomize gives objects without one).
/// </summary>
public static class PatchTarget
{
    public static JsonObject Of(Resource item, IReadOnlyList<Resource> all)
    {
        var version = item.ApiVersion.Contains('/') ? item.ApiVersion[(item.ApiVersion.IndexOf('/') + 1)..] : item.ApiVersion;
        var target = new JsonObject
        {
            ["group"] = Escape(item.Group),
            ["version"] = Escape(version),
            ["kind"] = Escape(item.Kind),
            ["name"] = Escape(item.Name),
        };
        if (item.Namespace is { } ns)
            target["namespace"] = Escape(ns);
        else if (all.Any(o => !ReferenceEquals(o, item) && o.ApiVersion == item.ApiVersion && o.Kind == item.Kind && o.Name == item.Name))
            target["namespace"] = "default";
        return target;
    }

    // Go's regexp.QuoteMeta
    public static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (@"\.+*?()|[]{}^$".Contains(c))
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}

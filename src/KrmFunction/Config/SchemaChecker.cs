using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KrmOtel.Model;

namespace KrmOtel.Config;

/// <summary>Step 1 of config loading: checks a tree against a <see cref="FieldSpec"/>, naming every bad field.</summary>
public static class SchemaChecker
{
    public static void Check(JsonNode? node, FieldSpec spec, string path, List<string> errors)
    {
        if (node is null)
        {
            errors.Add($"{path}: must be {Describe(spec)}, not null");
            return;
        }
        switch (spec.Type)
        {
            case FieldType.Bool:
                if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    errors.Add($"{path}: must be true or false, not {Show(node)}");
                break;
            case FieldType.String:
            case FieldType.Enum:
                if (node.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"{path}: must be {Describe(spec)}, not {Show(node)}");
                    break;
                }
                var s = node.GetValue<string>();
                if (spec.Values is not null && !spec.Values.Contains(s))
                    errors.Add($"{path}: \"{s}\" is not one of {string.Join(", ", spec.Values)}");
                if (spec.Pattern is not null && !Regex.IsMatch(s, spec.Pattern))
                    errors.Add($"{path}: \"{s}\" does not match {spec.Pattern}");
                break;
            case FieldType.StringList:
                if (node is not JsonArray list)
                {
                    errors.Add($"{path}: must be a list of strings, not {Show(node)}");
                    break;
                }
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i]?.GetValueKind() != JsonValueKind.String)
                        errors.Add($"{path}[{i}]: must be a string, not {Show(list[i])}");
                }
                break;
            case FieldType.StringMap:
                if (node is not JsonObject map)
                {
                    errors.Add($"{path}: must be a map of strings, not {Show(node)}");
                    break;
                }
                foreach (var (k, v) in map)
                {
                    if (v?.GetValueKind() != JsonValueKind.String)
                        errors.Add($"{path}.{k}: must be a string, not {Show(v)}");
                }
                break;
            case FieldType.Object:
                CheckObject(node, spec, path, errors);
                break;
            case FieldType.ObjectList:
                if (node is not JsonArray items)
                {
                    errors.Add($"{path}: must be a list, not {Show(node)}");
                    break;
                }
                for (var i = 0; i < items.Count; i++)
                    CheckObject(items[i], spec, $"{path}[{i}]", errors);
                break;
        }
    }

    private static void CheckObject(JsonNode? node, FieldSpec spec, string path, List<string> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add($"{path}: must be an object, not {Show(node)}");
            return;
        }
        var fields = spec.Fields ?? [];
        foreach (var (key, value) in obj)
        {
            var field = Array.Find(fields, f => f.Name == key);
            if (field is null)
                errors.Add($"{path}.{key}: unknown field (known: {string.Join(", ", fields.Select(f => f.Name))})");
            else
                Check(value, field, $"{path}.{key}", errors);
        }
        foreach (var required in fields.Where(f => f.Required && !obj.ContainsKey(f.Name)))
            errors.Add($"{path}.{required.Name}: required");
    }

    private static string Describe(FieldSpec spec) => spec.Type switch
    {
        FieldType.Bool => "true or false",
        FieldType.Enum => "one of " + string.Join(", ", spec.Values!),
        FieldType.StringList => "a list of strings",
        FieldType.StringMap => "a map of strings",
        FieldType.Object => "an object",
        FieldType.ObjectList => "a list",
        _ => "a string",
    };

    public static string Show(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => node.GetValueKind() == JsonValueKind.String ? $"\"{node.GetValue<string>()}\"" : node.ToJsonString(),
    };

    public static List<Finding> AsFindings(IEnumerable<string> errors, Resource? config) =>
        errors.Select(e => Finding.Error("function config: " + e[(e.IndexOf(": ", StringComparison.Ordinal) + 2)..], config, e[..e.IndexOf(": ", StringComparison.Ordinal)])).ToList();
}

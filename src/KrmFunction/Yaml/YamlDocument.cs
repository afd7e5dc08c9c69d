using System.Text.Json.Nodes;

namespace KrmOtel.Yaml;

/// <summary>
/// One parsed YAML node with the exact text it came from. <see cref="Source"/> is set when the node is a block
/// mapping whose text can be written back verbatim (comments, quoting and block styles kept); it is relative to
/// the node's own indentation, so it can be re-indented into a ResourceList. <see cref="Styles"/> and
/// <see cref="LeadingComments"/> serve when the object is written again after a change.
/// </summary>
public sealed record YamlDocument(JsonNode? Root, string? Source, long Line, ScalarStyles Styles, string? LeadingComments = null);

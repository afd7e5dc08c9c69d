namespace KrmOtel.Yaml;

/// <summary>Bounds on what one input may cost; exceeding one is a <see cref="YamlInputException"/>, never a hang.</summary>
public sealed record YamlLimits(long MaxInputChars, int MaxDocuments, int MaxDepth, long MaxAliasNodes)
{
    public static YamlLimits Default { get; } = new(
        MaxInputChars: 256L * 1024 * 1024,
        MaxDocuments: 200_000,
        MaxDepth: 200,
        MaxAliasNodes: 1_000_000);
}

/// <summary>Input that cannot be read as KRM YAML; carries the 1-based line where it was found.</summary>
public sealed class YamlInputException(string message, long line) : Exception(message)
{
    public long Line { get; } = line;
}

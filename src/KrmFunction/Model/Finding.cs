namespace KrmOtel.Model;

public enum Severity
{
    Info,
    Warning,
    Error,
}

/// <summary>Where an object came from: the file and its index in that file, as kpt and kustomize annotate it.</summary>
public sealed record FileRef(string Path, int Index);

public sealed record ResourceRef(string ApiVersion, string Kind, string Name, string? Namespace)
{
    /// <summary><c>Kind/namespace/name</c>, or <c>Kind/name</c> without a namespace.</summary>
    public string Display => $"{Kind}/{(Namespace is null ? "" : Namespace + "/")}{Name}";
}

/// <summary>One result of a render: data, never an exception (kyaml fn/framework style).</summary>
public sealed record Finding(Severity Severity, string Message, ResourceRef? Resource = null, string? Field = null, FileRef? File = null)
{
    /// <summary>Longest message kept: a finding quoting a 10 MB value from the input quotes its start.</summary>
    public const int MaxMessage = 1000;

    public string Message { get; init; } = Message.Length <= MaxMessage ? Message : $"{Message[..MaxMessage]}… ({Message.Length - MaxMessage} more characters)";

    public static Finding Error(string message, Resource? about = null, string? field = null) =>
        new(Severity.Error, message, about?.Ref, field, about?.File);

    public static Finding Warning(string message, Resource? about = null, string? field = null) =>
        new(Severity.Warning, message, about?.Ref, field, about?.File);

    public static Finding Info(string message, Resource? about = null, string? field = null) =>
        new(Severity.Info, message, about?.Ref, field, about?.File);

    /// <summary>The plain one-line form written to stderr.</summary>
    public override string ToString()
    {
        var where = File is null ? "" : File.Path + ": ";
        var what = Resource is null ? "" : Resource.Display + ": ";
        var field = Field is null ? "" : Field + ": ";
        return Printable($"{Severity.ToString().ToLowerInvariant()}: {where}{what}{field}{Message}");
    }

    /// <summary>
    /// Control characters from the input (a NUL or an escape sequence in a name) as <c>\uXXXX</c>: a line on a
    /// terminal or in a CI log shows what the input holds and cannot drive the terminal.
    /// </summary>
    public static string Printable(string s)
    {
        if (!s.Any(char.IsControl))
            return s;
        var sb = new System.Text.StringBuilder(s.Length + 16);
        foreach (var c in s)
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c);
        return sb.ToString();
    }
}

namespace KrmOtel.Model;

/// <summary>Paths the render gives generated items: kpt writes each item to its path, so it must stay inside the package.</summary>
public static class PackagePath
{
    /// <summary>Null for a relative path of plain segments; else why kpt must not be given it.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0 || path[0] == '/' || path.Contains('\\') || path.Any(char.IsControl))
            return "it must be a relative path with '/' separators";
        return path.Split('/').Any(s => s is "" or "." or "..") ? "it must not leave the package ('..', '.' or empty segments)" : null;
    }
}

namespace KrmOtel.IntegrationTests.Infrastructure;

/// <summary>Locations inside the repository; tests read from here and never write here.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");

    public static string Tools => Path.Combine(Root, "tests", "tools");

    public static string Example(params string[] parts) => Path.Combine([Examples, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "build.sh")) && Directory.Exists(Path.Combine(dir.FullName, "examples")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no repository root (a directory with build.sh and examples/) above {AppContext.BaseDirectory}");
    }
}

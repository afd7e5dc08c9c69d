using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Cli;

/// <summary>A directory walk never leaves the root it was given (Argo CD and CI render repositories they do not trust).</summary>
public class SymlinkTests
{
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {0}\n";

    [Fact]
    public void A_link_out_of_the_root_is_not_followed_and_is_named()
    {
        using var outside = Krm.Files(("secret.yaml", string.Format(null, ConfigMap, "outside")));
        using var root = Krm.Files(("app/cm.yaml", string.Format(null, ConfigMap, "inside")));
        File.CreateSymbolicLink(Path.Combine(root.Path, "app", "escape.yaml"), outside["secret.yaml"]);
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "app", "escape-dir"), outside.Path);

        var r = Krm.Run("", "render", Path.Combine(root.Path, "app"));

        Assert.Equal(0, r.Exit);
        Assert.Contains("name: inside", r.Stdout);
        Assert.DoesNotContain("outside", r.Stdout);
        Assert.Contains("escape.yaml: symbolic link to outside", r.Stderr);
        Assert.Contains("escape-dir: symbolic link to outside", r.Stderr);
    }

    [Fact]
    public void A_link_that_stays_inside_the_root_is_followed()
    {
        using var root = Krm.Files(("app/real/cm.yaml", string.Format(null, ConfigMap, "inside")));
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "app", "alias"), Path.Combine(root.Path, "app", "real"));

        var r = Krm.Run("", "render", Path.Combine(root.Path, "app"));

        Assert.Equal(0, r.Exit);
        // "alias" sorts before "real": the directory is read once, through the link
        Assert.Single(r.Documents);
        Assert.Contains("already read", r.Stderr);
    }

    [Fact]
    public void A_link_loop_inside_the_root_ends()
    {
        using var root = Krm.Files(("app/cm.yaml", string.Format(null, ConfigMap, "inside")));
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "app", "loop"), Path.Combine(root.Path, "app"));

        var r = Krm.Run("", "render", Path.Combine(root.Path, "app"));

        Assert.Equal(0, r.Exit);
        Assert.Single(r.Documents);
        Assert.Contains("loop: directory already read through a symbolic link", r.Stderr);
    }
}

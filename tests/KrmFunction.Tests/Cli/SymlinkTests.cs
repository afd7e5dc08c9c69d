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

    [Fact]
    public void A_chain_of_links_that_ends_outside_is_not_followed()
    {
        using var outside = Krm.Files(("secret.yaml", string.Format(null, ConfigMap, "outside")));
        using var root = Krm.Files(("app/cm.yaml", string.Format(null, ConfigMap, "inside")));
        // first.yaml -> second.yaml (inside) -> outside/secret.yaml
        File.CreateSymbolicLink(Path.Combine(root.Path, "app", "second.yaml"), outside["secret.yaml"]);
        File.CreateSymbolicLink(Path.Combine(root.Path, "app", "first.yaml"), Path.Combine(root.Path, "app", "second.yaml"));

        var r = Krm.Run("", "render", Path.Combine(root.Path, "app"));

        Assert.Equal(0, r.Exit);
        Assert.Single(r.Documents);
        Assert.DoesNotContain("outside", r.Stdout);
        Assert.Contains("first.yaml: symbolic link to outside", r.Stderr);
        Assert.Contains("second.yaml: symbolic link to outside", r.Stderr);
    }

    [Theory]
    [InlineData("../../outside.yaml", "outside")]
    [InlineData("/proc/self/environ", "outside")]
    [InlineData("/dev/zero", "outside")]
    [InlineData("/etc/passwd", "outside")]
    [InlineData("does-not-exist.yaml", "nothing, not read")]
    public void A_link_that_climbs_out_points_at_the_system_or_dangles_is_not_read(string target, string said)
    {
        using var root = Krm.Files(("app/cm.yaml", string.Format(null, ConfigMap, "inside")));
        File.CreateSymbolicLink(Path.Combine(root.Path, "app", "link.yaml"), target);

        var r = HostileRun.Within(() => Krm.Run("", "render", Path.Combine(root.Path, "app")));

        Assert.Equal(0, r.Exit);
        Assert.Single(r.Documents);
        Assert.Contains("link.yaml: symbolic link to " + said, r.Stderr);
        Assert.DoesNotContain("root:", r.Stdout);
        Assert.DoesNotContain("PATH=", r.Stdout + r.Stderr);
    }
}

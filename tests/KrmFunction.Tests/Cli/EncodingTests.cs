using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Cli;

public class EncodingTests
{
    [Fact]
    public void A_file_that_is_not_UTF8_is_refused_with_its_name()
    {
        using var dir = Krm.Files();
        File.WriteAllBytes(dir["bad.yaml"], [.. "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: \""u8, 0xC3, 0x28, .. "\"\n"u8]);
        var r = Krm.Run("", "render", dir["bad.yaml"]);
        Assert.Equal(1, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains("bad.yaml is not valid UTF-8", r.Stderr);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        using var dir = Krm.Files();
        File.WriteAllBytes(dir["bom.yaml"], [0xEF, 0xBB, 0xBF, .. "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"u8]);
        var r = Krm.Run("", "render", dir["bom.yaml"]);
        Assert.Equal(0, r.Exit);
        Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", r.Stdout);
    }
}

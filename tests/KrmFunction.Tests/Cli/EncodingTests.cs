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

    /// <summary>Endless bytes, as from <c>yes</c> or <c>/dev/zero</c>: never more than the limit is buffered.</summary>
    private sealed class Endless : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            Served += count;
            return count;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void An_endless_input_is_refused_at_the_limit_without_reading_on()
    {
        var endless = new Endless();
        var e = Assert.Throws<KrmOtel.Cli.InvalidInputException>(() => KrmOtel.Cli.TextInput.Read(endless, "stdin", maxBytes: 1024 * 1024));
        Assert.Equal("stdin is larger than 1 MiB, the input limit; nothing was rendered", e.Message);
        Assert.InRange(endless.Served, 1024 * 1024, (1024 * 1024) + (1 << 16));
    }

    [Fact]
    public void The_byte_limit_is_the_YAML_readers_character_limit()
    {
        Assert.Equal(KrmOtel.Yaml.YamlLimits.Default.MaxInputChars, KrmOtel.Cli.TextInput.MaxBytes);
    }
}

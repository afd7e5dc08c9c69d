using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace KrmOtel.Yaml;

/// <summary>
/// Text being written as UTF-8, in one growing array: what <see cref="YamlWriter"/> writes into, so that a changed
/// object reaches the output as the bytes it is written in, never as UTF-16 first. ASCII is narrowed as it is (a
/// short string by a loop, a long one by <see cref="Ascii.FromUtf16"/>), anything else encoded as
/// <see cref="Encoding.UTF8"/> encodes it (a lone surrogate becomes U+FFFD, as it would on the way to stdout).
/// </summary>
public sealed class Utf8Text(int capacity = 4096) : IBufferWriter<byte>
{
    private byte[] bytes = new byte[Math.Max(capacity, 16)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(char ascii)
    {
        if (Length == bytes.Length)
            Grow(1);
        bytes[Length++] = (byte)ascii;
    }

    public void Append(string s) => Append(s.AsSpan());

    public void Append(ReadOnlySpan<char> s)
    {
        if (bytes.Length - Length < s.Length)
            Grow(s.Length);
        var to = bytes.AsSpan(Length);
        var i = 0;
        if (s.Length <= 16)
        {
            // most scalars are short: a loop costs less than setting up a vectorised copy
            for (; i < s.Length && s[i] < 0x80; i++)
                to[i] = (byte)s[i];
        }
        else
            Ascii.FromUtf16(s, to, out i);
        Length += i;
        if (i < s.Length)
            Encode(s[i..]);
    }

    public void Append(ReadOnlySpan<byte> utf8)
    {
        if (bytes.Length - Length < utf8.Length)
            Grow(utf8.Length);
        utf8.CopyTo(bytes.AsSpan(Length));
        Length += utf8.Length;
    }

    /// <summary>
    /// A reference to the first free byte after the text, with room for at least <paramref name="atLeast"/> bytes and
    /// 16 more, so that a whole vector can be stored at the end: written into, then kept with <see cref="Advance"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref byte FreeRef(int atLeast)
    {
        if (bytes.Length - Length < atLeast + 16)
            Grow(atLeast + 16);
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bytes), Length);
    }

    /// <summary>Keeps <paramref name="n"/> bytes written after the text (<see cref="FreeRef"/>).</summary>
    public void Advance(int n) => Length += n;

    public void Spaces(int n)
    {
        ref var at = ref FreeRef(n);
        if (n <= 16)
            Vector128.Create((byte)' ').StoreUnsafe(ref at); // indentation is short: one store
        else
            MemoryMarshal.CreateSpan(ref at, n).Fill((byte)' ');
        Length += n;
    }

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => MemoryMarshal.CreateSpan(ref FreeRef(sizeHint), bytes.Length - Length);

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint)
    {
        FreeRef(sizeHint);
        return bytes.AsMemory(Length);
    }

    /// <summary>Writes ASCII <paramref name="ascii"/> over what was written at <paramref name="at"/>.</summary>
    public void Overwrite(int at, ReadOnlySpan<byte> ascii) => ascii.CopyTo(bytes.AsSpan(at, Math.Min(ascii.Length, Length - at)));

    public override string ToString() => Encoding.UTF8.GetString(Written);

    private void Encode(ReadOnlySpan<char> s)
    {
        var most = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (bytes.Length - Length < most)
            Grow(most);
        Length += Encoding.UTF8.GetBytes(s, bytes.AsSpan(Length));
    }

    private void Grow(int more) => Array.Resize(ref bytes, Math.Max(bytes.Length * 2, Length + more));
}

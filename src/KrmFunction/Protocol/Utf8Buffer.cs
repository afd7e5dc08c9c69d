using System.Text;

namespace KrmOtel.Protocol;

/// <summary>
/// Output held until the render is known to succeed, as UTF-8 in large chunks: half the memory of a string, no copy
/// when it grows, written to stdout as it is.
/// </summary>
public sealed class Utf8Buffer
{
    private const int ChunkBytes = 1 << 17;
    private readonly List<(byte[] Bytes, int Used)> chunks = [];
    private readonly Encoder encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private byte[] current = [];
    private int used;

    public long Length { get; private set; }

    public void Append(ReadOnlySpan<char> chars)
    {
        while (chars.Length > 0)
        {
            if (current.Length - used < 8)
                NewChunk();
            encoder.Convert(chars, current.AsSpan(used), flush: false, out var read, out var written, out _);
            chars = chars[read..];
            used += written;
            Length += written;
        }
    }

    public void Append(StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
            Append(chunk.Span);
    }

    public void Append(char c) => Append([c]);

    public void Append(ReadOnlySpan<byte> utf8)
    {
        while (utf8.Length > 0)
        {
            if (current.Length == used)
                NewChunk();
            var n = Math.Min(utf8.Length, current.Length - used);
            utf8[..n].CopyTo(current.AsSpan(used));
            utf8 = utf8[n..];
            used += n;
            Length += n;
        }
    }

    /// <summary>Writes the bytes from <paramref name="skip"/> on; UTF-8 to a stream, decoded to any other writer.</summary>
    public void WriteTo(TextWriter output, long skip = 0)
    {
        var stream = Utf8Stream(output);
        var decoder = stream is null ? new UTF8Encoding(false).GetDecoder() : null;
        var chars = decoder is null ? [] : new char[ChunkBytes];
        foreach (var (bytes, count) in chunks.Append((current, used)))
        {
            var from = (int)Math.Min(skip, count);
            skip -= from;
            var span = bytes.AsSpan(from, count - from);
            if (stream is not null)
                stream.Write(span);
            else
            {
                decoder!.Convert(span, chars, flush: false, out _, out var n, out _);
                output.Write(chars, 0, n);
            }
        }
        stream?.Flush();
    }

    /// <summary>UTF-8 text written out: its bytes to a UTF-8 stream, decoded to any other writer.</summary>
    public static void Write(TextWriter output, ReadOnlySpan<byte> utf8)
    {
        if (Utf8Stream(output) is { } stream)
            stream.Write(utf8);
        else
            output.Write(Encoding.UTF8.GetString(utf8));
    }

    // The stream under a UTF-8 writer, flushed so that bytes written to it come after what the writer holds; null for
    // any other writer.
    private static Stream? Utf8Stream(TextWriter output)
    {
        if (output is not StreamWriter { Encoding: UTF8Encoding } writer)
            return null;
        writer.Flush();
        return writer.BaseStream;
    }

    private void NewChunk()
    {
        if (used > 0)
            chunks.Add((current, used));
        current = GC.AllocateUninitializedArray<byte>(ChunkBytes); // written before it is read: no need to clear it
        used = 0;
    }
}

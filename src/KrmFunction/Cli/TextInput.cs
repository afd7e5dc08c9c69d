using System.Text;

namespace KrmOtel.Cli;

/// <summary>Input that is not text: refused with its position rather than read with replacement characters.</summary>
public sealed class InvalidInputException(string message) : Exception(message);

/// <summary>Reads files and stdin as strict UTF-8 (a byte-order mark is allowed and dropped).</summary>
public static class TextInput
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string ReadFile(string path, string? shown = null) => Strict.GetString(ReadFileUtf8(path, shown).Span);

    /// <summary>A file's bytes, checked to be UTF-8, without the byte-order mark.</summary>
    public static ReadOnlyMemory<byte> ReadFileUtf8(string path, string? shown = null)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the runtime's own messages are resource keys in the AOT binary: say it in words
            throw new InvalidInputException($"{shown ?? path}: cannot read ({(e is UnauthorizedAccessException ? "permission denied" : e is FileNotFoundException ? "no such file" : "I/O error")})");
        }
        using (stream)
            return ReadUtf8(stream, shown ?? path);
    }

    /// <summary>The bytes one input may have: the YAML reader's character limit (a character is at least a byte).</summary>
    public static readonly long MaxBytes = Yaml.YamlLimits.Default.MaxInputChars;

    /// <inheritdoc cref="ReadUtf8"/>
    public static string Read(Stream stream, string name, long? maxBytes = null) => Strict.GetString(ReadUtf8(stream, name, maxBytes).Span);

    /// <summary>All of a stream, checked to be UTF-8, without the byte-order mark.</summary>
    /// <param name="stream">read up to <paramref name="maxBytes"/> and no further: an endless stdin is refused, not buffered</param>
    /// <param name="name">the input as findings name it</param>
    /// <param name="maxBytes">the limit, <see cref="MaxBytes"/> unless a test says otherwise</param>
    public static ReadOnlyMemory<byte> ReadUtf8(Stream stream, string name, long? maxBytes = null)
    {
        var limit = maxBytes ?? MaxBytes;
        byte[] bytes;
        if (stream.CanSeek && stream.Length > 0)
        {
            // a file says its size: one array of it
            if (stream.Length > limit)
                throw TooLarge(name, limit);
            bytes = new byte[stream.Length];
            var n = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (n < bytes.Length)
                bytes = bytes[..n];
        }
        else
        {
            // pieces, then one array of the exact size: no doubling buffer left behind
            var chunks = new List<byte[]>();
            long total = 0;
            while (true)
            {
                var chunk = new byte[1 << 16];
                var n = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
                if (total + n > limit)
                    throw TooLarge(name, limit);
                total += n;
                chunks.Add(n == chunk.Length ? chunk : chunk[..n]);
                if (n < chunk.Length)
                    break;
            }
            bytes = new byte[total];
            var at = 0;
            foreach (var chunk in chunks)
            {
                chunk.CopyTo(bytes, at);
                at += chunk.Length;
            }
        }
        var text = bytes.AsMemory();
        if (text.Span.StartsWith("\uFEFF"u8))
            text = text[3..];
        try
        {
            Strict.GetCharCount(text.Span);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidInputException($"{name} is not valid UTF-8 (byte {e.Index} of the input)");
        }
        return text;
    }

    private static InvalidInputException TooLarge(string name, long limit) =>
        new($"{name} is larger than {limit / (1024 * 1024)} MiB, the input limit; nothing was rendered");
}

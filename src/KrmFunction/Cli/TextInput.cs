using System.Runtime.CompilerServices;
using System.Text;

namespace KrmOtel.Cli;

/// <summary>Input that is not text: refused with its position rather than read with replacement characters.</summary>
public sealed class InvalidInputException(string message) : Exception(message);

/// <summary>Reads files and stdin as strict UTF-8 (a byte-order mark is allowed and dropped).</summary>
public static class TextInput
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string ReadFile(string path, string? shown = null)
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
            return Read(stream, shown ?? path);
    }

    /// <summary>The bytes one input may have: the YAML reader's character limit (a character is at least a byte).</summary>
    public static readonly long MaxBytes = Yaml.YamlLimits.Default.MaxInputChars;

    /// <param name="stream">read up to <paramref name="maxBytes"/> and no further: an endless stdin is refused, not buffered</param>
    /// <param name="name">the input as findings name it</param>
    /// <param name="maxBytes">the limit, <see cref="MaxBytes"/> unless a test says otherwise</param>
    public static string Read(Stream stream, string name, long? maxBytes = null)
    {
        var limit = maxBytes ?? MaxBytes;
        if (stream.CanSeek)
        {
            // a file is read twice, to count and to decode, into the one string: no byte copy of it stays behind
            if (stream.Length > limit)
                throw TooLarge(name, limit);
            return Decode(name, () => Parts(stream));
        }
        var chunks = new List<ReadOnlyMemory<byte>>();
        long total = 0;
        while (true)
        {
            var chunk = new byte[ChunkBytes];
            var n = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            if (total + n > limit)
                throw TooLarge(name, limit);
            total += n;
            if (n > 0)
                chunks.Add(chunk.AsMemory(0, n));
            if (n < chunk.Length)
                break;
        }
        return Decode(name, () => chunks);
    }

    private const int ChunkBytes = 1 << 16;

    private static InvalidInputException TooLarge(string name, long limit) =>
        new($"{name} is larger than {limit / (1024 * 1024)} MiB, the input limit; nothing was rendered");

    private static IEnumerable<ReadOnlyMemory<byte>> Parts(Stream stream)
    {
        stream.Position = 0;
        var buffer = new byte[ChunkBytes];
        int n;
        while ((n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
            yield return buffer.AsMemory(0, n);
    }

    // Strict UTF-8 in pieces: one pass counts (and finds the first bad byte), the second decodes into the string.
    private static string Decode(string name, Func<IEnumerable<ReadOnlyMemory<byte>>> parts)
    {
        var decoder = Strict.GetDecoder();
        var position = new StrongBox<long>(); // bytes before the current piece, after the byte-order mark
        try
        {
            var length = 0L;
            foreach (var part in WithoutMark(parts()))
            {
                length += decoder.GetCharCount(part.Span, flush: false);
                position.Value += part.Length;
            }
            length += decoder.GetCharCount([], flush: true);
            decoder.Reset();
            position.Value = 0;
            return string.Create((int)length, (parts, decoder, position), static (chars, state) =>
            {
                var written = 0;
                foreach (var part in WithoutMark(state.parts()))
                {
                    written += state.decoder.GetChars(part.Span, chars[written..], flush: false);
                    state.position.Value += part.Length;
                }
                state.decoder.GetChars([], chars[written..], flush: true); // an incomplete character at the end throws here
            });
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidInputException($"{name} is not valid UTF-8 (byte {position.Value + e.Index} of the input)");
        }
    }

    private static IEnumerable<ReadOnlyMemory<byte>> WithoutMark(IEnumerable<ReadOnlyMemory<byte>> parts)
    {
        var first = true;
        foreach (var part in parts)
        {
            yield return first && part.Span.StartsWith("\uFEFF"u8) ? part[3..] : part;
            first = false;
        }
    }
}

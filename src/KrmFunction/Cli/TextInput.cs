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
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + n > limit)
                throw new InvalidInputException($"{name} is larger than {limit / (1024 * 1024)} MiB, the input limit; nothing was rendered");
            buffer.Write(chunk, 0, n);
        }
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidInputException($"{name} is not valid UTF-8 (byte {e.Index} of the input)");
        }
    }
}

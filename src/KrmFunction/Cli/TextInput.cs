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
        using var stream = File.OpenRead(path);
        return Read(stream, shown ?? path);
    }

    public static string Read(Stream stream, string name)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
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

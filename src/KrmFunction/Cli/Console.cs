using System.Text;

namespace KrmOtel.Cli;

/// <summary>The process's streams, injectable for tests.</summary>
public sealed record StdStreams(Func<string> ReadStdin, TextWriter Out, TextWriter Error)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Stdin as checked UTF-8 bytes, where the streams can give them without a string first.</summary>
    public Func<ReadOnlyMemory<byte>>? ReadStdinBytes { get; init; }

    public ReadOnlyMemory<byte> ReadStdinUtf8() => ReadStdinBytes is { } read ? read() : Utf8.GetBytes(ReadStdin());

    public static StdStreams Process()
    {
        var stdout = new StreamWriter(System.Console.OpenStandardOutput(), Utf8, 1 << 16) { AutoFlush = false };
        var stderr = new StreamWriter(System.Console.OpenStandardError(), Utf8) { AutoFlush = true };
        return new StdStreams(ReadAll, stdout, stderr) { ReadStdinBytes = ReadAllUtf8 };
    }

    private static ReadOnlyMemory<byte> ReadAllUtf8()
    {
        using var stdin = System.Console.OpenStandardInput();
        return TextInput.ReadUtf8(stdin, "stdin");
    }

    private static string ReadAll()
    {
        using var stdin = System.Console.OpenStandardInput();
        return TextInput.Read(stdin, "stdin");
    }
}

using System.Diagnostics;
using System.Text;

namespace KrmOtel.IntegrationTests.Infrastructure;

/// <summary>The outcome of one external command, printable as a test diagnostic.</summary>
public sealed record ProcessResult(string CommandLine, string WorkingDirectory, int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() =>
        $"$ {CommandLine}\n(cwd {WorkingDirectory}, exit {ExitCode})\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs a program directly (no shell) with extra environment variables and optional stdin.</summary>
public static class ProcessRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? stdin = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                info.Environment.Remove(name);
            else
                info.Environment[name] = value;
        }

        var commandLine = string.Join(' ', new[] { fileName }.Concat(info.ArgumentList).Select(Quote));
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {commandLine}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            process.StandardInput.Write(stdin);
        process.StandardInput.Close();

        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"timed out after {timeout ?? DefaultTimeout}: {commandLine}\n--- stderr ---\n{stderr.Result}");
        }

        process.WaitForExit();
        return new ProcessResult(commandLine, workingDirectory, process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:@+,".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}

using System.Reflection;

namespace KrmOtel.Cli;

public static class VersionInfo
{
    public static string Version { get; } =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string Line => $"krm-otel {Version} (OpenTelemetry Operator {Instrumentation.Language.OperatorVersion})";
}

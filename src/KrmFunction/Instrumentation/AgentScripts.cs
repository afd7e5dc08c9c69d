using System.Text;

namespace KrmOtel.Instrumentation;

/// <summary>
/// The operator's init-container scripts (internal/instrumentation/scripts/*.sh at v0.158.0, embedded there with
/// go:embed), kept byte for byte as embedded resources: the attach and clone containers run them verbatim.
/// </summary>
public static class AgentScripts
{
    public static string ApacheHttpdAgent { get; } = Read("apache_httpd_agent.sh");

    public static string NginxClone { get; } = Read("nginx_clone.sh");

    public static string NginxAgent { get; } = Read("nginx_agent.sh");

    private static string Read(string file)
    {
        var name = "KrmOtel.Instrumentation.Scripts." + file;
        using var stream = typeof(AgentScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }
}

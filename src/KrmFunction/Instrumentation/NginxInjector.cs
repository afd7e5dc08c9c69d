using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>
/// Nginx (nginx.go; spec §5.7): the clone runs the operator's nginx_clone.sh, the attach container nginx_agent.sh,
/// and the app finds the module's libraries through LD_LIBRARY_PATH.
/// </summary>
public sealed class NginxInjector() : WebServerInjector(new("otel-agent-attach-nginx", "otel-nginx-conf-dir", "otel-nginx-agent", "OTEL_NGINX_AGENT_CONF", "OTEL_NGINX_SERVICE_INSTANCE_ID", "NginxModule", "nginx"))
{
    private const string LibraryPath = "LD_LIBRARY_PATH";
    private const string Libraries = AgentDir + "/sdk_lib/lib";

    public override Language Language => Language.Nginx;

    protected override string ConfDir(WebServerSpec server) => Dir(server.Config);

    protected override V1Container CloneCommand(string confDir) => new() { Command = ["/bin/sh", "-c"], Args = [AgentScripts.NginxClone, "--", confDir] };

    protected override string[] AttachArgs(WebServerSpec server) => [AgentScripts.NginxAgent, "--", Base(server.Config)];

    protected override JsonObject ConfVolumeFor(LanguageSpec spec) => EmptyVolume(Names.ConfVolume);

    protected override JsonObject AgentVolumeFor(LanguageSpec spec) => EmptyVolume(Names.AgentVolume);

    // getNginxOtelConfig: "Key Value;" lines
    protected override string ModuleConfig(IEnumerable<KeyValuePair<string, string>> attributes, WebServerSpec server)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in attributes)
            text.Append(key).Append(' ').Append(value).Append(";\n");
        return text.ToString();
    }

    protected override string? EnvProblem(EnvList env) => env.UsesValueFrom(LibraryPath)
        ? $"{LibraryPath} is set with valueFrom; the operator would add a value beside it, which the API server rejects; set it as a plain value"
        : null;

    // an existing value is extended in place in the env list the clone shares, so the clone shows it too
    protected override void SharedEnv(EnvList env)
    {
        if (env.Has(LibraryPath))
            env.SetValue(LibraryPath, env.Value(LibraryPath) + ":" + Libraries);
    }

    protected override void AfterClone(EnvList env) => env.AppendIfAbsent(LibraryPath, Libraries);

    // Go's filepath.Dir and filepath.Base, as getNginxConfDir and getNginxConfFile call them
    private static string Dir(string path) => Clean(path[..(path.LastIndexOf('/') + 1)]);

    private static string Base(string path)
    {
        var trimmed = path.TrimEnd('/');
        return path.Length == 0 ? "." : trimmed.Length == 0 ? "/" : trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    private static string Clean(string path)
    {
        var rooted = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
                parts.RemoveAt(parts.Count - 1);
            else if (part != ".." || !rooted)
                parts.Add(part);
        }
        var joined = (rooted ? "/" : "") + string.Join('/', parts);
        return joined.Length == 0 ? "." : joined;
    }
}

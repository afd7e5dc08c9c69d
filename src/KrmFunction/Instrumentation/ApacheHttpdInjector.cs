using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;

namespace KrmOtel.Instrumentation;

/// <summary>
/// Apache HTTPD (apachehttpd.go; spec §5.6): the clone copies the config dir with <c>cp -r</c>, the attach container
/// runs the operator's apache_httpd_agent.sh, which writes the module config and Includes it from httpd.conf.
/// </summary>
public sealed class ApacheHttpdInjector() : WebServerInjector(new("otel-agent-attach-apache", "otel-apache-conf-dir", "otel-apache-agent", "OTEL_APACHE_AGENT_CONF", "APACHE_SERVICE_INSTANCE_ID", "ApacheModule", "apache-httpd"))
{
    public override Language Language => Language.ApacheHttpd;

    // the operator's own values, leading space included
    protected override string On => " ON";

    protected override bool LastTargetSetsSecurityContext => true;

    // getApacheConfDir: one trailing slash dropped
    protected override string ConfDir(WebServerSpec server) => server.Config.EndsWith('/') ? server.Config[..^1] : server.Config;

    protected override V1Container CloneCommand(string confDir) => new() { Command = ["cp", "-r", confDir + "/.", SourceConfDir] };

    protected override string[] AttachArgs(WebServerSpec server) => [AgentScripts.ApacheHttpdAgent, "--", ConfDir(server)];

    // the config copy never takes the claim template; the agent volume does
    protected override JsonObject ConfVolumeFor(LanguageSpec spec) => SizedVolume(Names.ConfVolume, spec, claimAllowed: false);

    protected override JsonObject AgentVolumeFor(LanguageSpec spec) => SizedVolume(Names.AgentVolume, spec, claimAllowed: true);

    // getApacheOtelConfig: the fixed LoadFile/LoadModule block, then "Key Value" lines
    protected override string ModuleConfig(IEnumerable<KeyValuePair<string, string>> attributes, WebServerSpec server)
    {
        var suffix = server.Version == "2.2" ? "22" : "";
        var text = new StringBuilder($"""

            #Load the Otel Webserver SDK
            LoadFile {AgentDir}/sdk_lib/lib/libopentelemetry_common.so
            LoadFile {AgentDir}/sdk_lib/lib/libopentelemetry_resources.so
            LoadFile {AgentDir}/sdk_lib/lib/libopentelemetry_trace.so
            LoadFile {AgentDir}/sdk_lib/lib/libopentelemetry_otlp_recordable.so
            LoadFile {AgentDir}/sdk_lib/lib/libopentelemetry_exporter_ostream_span.so
            LoadFile {AgentDir}/sdk_lib/lib/libopentelemetry_exporter_otlp_grpc.so
            #Load the Otel ApacheModule SDK
            LoadFile {AgentDir}/sdk_lib/lib/libopentelemetry_webserver_sdk.so
            #Load the Apache Module. In this example for Apache 2.4
            #LoadModule otel_apache_module {AgentDir}/WebServerModule/Apache/libmod_apache_otel.so
            #Load the Apache Module. In this example for Apache 2.2
            #LoadModule otel_apache_module {AgentDir}/WebServerModule/Apache/libmod_apache_otel22.so
            LoadModule otel_apache_module {AgentDir}/WebServerModule/Apache/libmod_apache_otel{suffix}.so
            #Attributes

            """);
        foreach (var (key, value) in attributes)
            text.Append(key).Append(' ').Append(value).Append('\n');
        return text.ToString();
    }
}

using System.Security.Cryptography;
using System.Text;
using KrmOtel.Instrumentation;

namespace KrmOtel.Tests.Instrumentation;

/// <summary>
/// The init-container scripts are the operator's, byte for byte: each embedded text has the git blob id of
/// internal/instrumentation/scripts/&lt;file&gt; at the operator's tag v0.158.0 (THIRD-PARTY-NOTICES.md).
/// </summary>
public class AgentScriptsTests
{
    public static TheoryData<string, string> Scripts => new()
    {
        { nameof(AgentScripts.ApacheHttpdAgent), "5e8d306fdf4b0f241c951a3da82897aa6184b4ae" },
        { nameof(AgentScripts.NginxClone), "07c9415ffb8d207f028c1a2fa125ac9bfa9cecc6" },
        { nameof(AgentScripts.NginxAgent), "c74dd0a0bdd32dbffc79999ddd00ebd682465ab4" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Each_script_is_the_operators_file_at_v0_158_0(string script, string blob)
    {
        var text = script switch
        {
            nameof(AgentScripts.ApacheHttpdAgent) => AgentScripts.ApacheHttpdAgent,
            nameof(AgentScripts.NginxClone) => AgentScripts.NginxClone,
            _ => AgentScripts.NginxAgent,
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        var id = SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {bytes.Length}\0"), .. bytes]);
        Assert.Equal(blob, Convert.ToHexStringLower(id));
    }

    [Fact]
    public void The_rendered_attach_container_carries_the_script_verbatim()
    {
        var r = Support.Krm.Run("", "render", Support.Krm.TestData("render", "nginx-deployment", "input.yaml"));
        Assert.Equal(0, r.Exit);
        var spec = r.Documents.Single(d => d!["kind"]!.GetValue<string>() == "Deployment")!["spec"]!["template"]!["spec"]!;
        var init = spec["initContainers"]!.AsArray();
        Assert.Equal(AgentScripts.NginxClone, init.Single(c => c!["name"]!.GetValue<string>() == "otel-agent-source-container-clone")!["args"]![0]!.GetValue<string>());
        Assert.Equal(AgentScripts.NginxAgent, init.Single(c => c!["name"]!.GetValue<string>() == "otel-agent-attach-nginx")!["args"]![0]!.GetValue<string>());
    }
}

using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Collector;

/// <summary>
/// podSecurity is the Pod Security Standard every container krm-otel adds must meet (product.md §3), the collector's
/// too: restricted hardens what the CR leaves unset, and both baseline and restricted refuse, with an error naming the
/// CR field, what the CR sets against the level (the operator would create the pod and the cluster would refuse it).
/// </summary>
public class PodSecurityTests
{
    private static string Config(string level) => $"apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  podSecurity: {level}\n";

    private static RunResult Render(string input, string level)
    {
        using var dir = Krm.Files(("config.yaml", Config(level)), ("input.yaml", input));
        return Krm.Run("", "render", dir["input.yaml"], "--config", dir["config.yaml"]);
    }

    private static JsonObject Pod(RunResult r, string kind) =>
        (JsonObject)r.Documents.OfType<JsonObject>().Single(d => d["kind"].AsString() == kind).At("spec", "template", "spec")!;

    private static JsonObject? Context(JsonObject pod, string list, string name) =>
        ((JsonArray)pod[list]!).OfType<JsonObject>().Single(c => c["name"].AsString() == name)["securityContext"] as JsonObject;

    private const string Hardened = """{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}""";

    [Theory]
    [InlineData("deployment", "Deployment")]
    [InlineData("daemonset", "DaemonSet")]
    [InlineData("statefulset", "StatefulSet")]
    public void Restricted_hardens_the_collector_container(string mode, string kind)
    {
        var r = Render(CollectorInputs.Collector(mode), "restricted");
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Equal(Hardened, Context(Pod(r, kind), "containers", "otc-container")?.ToJsonString());
    }

    [Fact]
    public void Restricted_hardens_the_sidecar_and_leaves_the_apps_container_alone()
    {
        var r = Render(CollectorInputs.Collector("sidecar") + CollectorInputs.SidecarWorkload, "restricted");
        Assert.True(r.Exit == 0, r.Stderr);
        var pod = Pod(r, "Deployment");
        Assert.Equal(Hardened, Context(pod, "initContainers", "otc-container")?.ToJsonString());
        Assert.Null(Context(pod, "containers", "app"));
    }

    [Theory]
    [InlineData("privileged")]
    [InlineData("baseline")]
    public void Privileged_and_baseline_change_nothing_in_a_collector_that_meets_them(string level)
    {
        var input = CollectorInputs.Collector("deployment") + CollectorInputs.SidecarWorkload.Replace("sidecar.opentelemetry.io/inject: \"true\"", "other: x", StringComparison.Ordinal);
        var r = Render(input, level);
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Equal(Krm.Run(input, "render", "-").Stdout, r.Stdout);
    }

    [Fact]
    public void Restricted_keeps_what_the_cr_sets_that_meets_it()
    {
        var cr = CollectorInputs.Collector("deployment", """
              podSecurityContext: {runAsNonRoot: true, seccompProfile: {type: Localhost, localhostProfile: otel.json}}
              securityContext: {runAsUser: 10001, capabilities: {add: [NET_BIND_SERVICE], drop: [NET_RAW]}}

            """.Replace("\n\n", "\n", StringComparison.Ordinal));
        var r = Render(cr, "restricted");
        Assert.True(r.Exit == 0, r.Stderr);
        // runAsNonRoot and the profile come from the pod; the CR's drop list gains ALL
        Assert.Equal("""{"allowPrivilegeEscalation":false,"capabilities":{"add":["NET_BIND_SERVICE"],"drop":["NET_RAW","ALL"]},"runAsUser":10001}""",
            Context(Pod(r, "Deployment"), "containers", "otc-container")?.ToJsonString());
    }

    public static TheoryData<string, string, string, string> Refused() => new()
    {
        { "baseline", "deployment", "  hostNetwork: true\n", "spec.hostNetwork" },
        { "baseline", "daemonset", "  hostPID: true\n", "spec.hostPID" },
        { "baseline", "deployment", "  securityContext: {privileged: true}\n", "spec.securityContext.privileged" },
        { "baseline", "deployment", "  securityContext: {capabilities: {add: [SYS_ADMIN]}}\n", "spec.securityContext.capabilities.add" },
        { "baseline", "deployment", "  securityContext: {seccompProfile: {type: Unconfined}}\n", "spec.securityContext.seccompProfile.type" },
        { "baseline", "daemonset", "  volumes: [{name: logs, hostPath: {path: /var/log}}]\n", "spec.volumes[0]" },
        { "baseline", "deployment", "  ports: [{name: otlp, port: 4317, hostPort: 4317}]\n", "spec.ports" },
        { "baseline", "deployment", "  additionalContainers: [{name: helper, image: busybox, securityContext: {privileged: true}}]\n", "spec.additionalContainers[0].securityContext.privileged" },
        { "restricted", "deployment", "  securityContext: {capabilities: {add: [CHOWN]}}\n", "spec.securityContext.capabilities.add" },
        { "restricted", "deployment", "  securityContext: {allowPrivilegeEscalation: true}\n", "spec.securityContext.allowPrivilegeEscalation" },
        { "restricted", "deployment", "  securityContext: {runAsUser: 0}\n", "spec.securityContext.runAsUser" },
        { "restricted", "deployment", "  podSecurityContext: {runAsNonRoot: false}\n", "spec.podSecurityContext.runAsNonRoot" },
        { "restricted", "statefulset", "  volumes: [{name: share, nfs: {server: nfs.local, path: /x}}]\n", "spec.volumes[0]" },
        { "restricted", "deployment", "  initContainers: [{name: setup, image: busybox, securityContext: {runAsNonRoot: false}}]\n", "spec.initContainers[0].securityContext.runAsNonRoot" },
        { "restricted", "sidecar", "  securityContext: {privileged: true}\n", "spec.securityContext.privileged" },
        { "baseline", "sidecar", "  volumes: [{name: logs, hostPath: {path: /var/log}}]\n", "spec.volumes[0]" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_the_cr_sets_against_the_level_is_refused_naming_the_field(string level, string mode, string extra, string field)
    {
        var r = Render(CollectorInputs.Collector(mode, extra) + (mode == "sidecar" ? CollectorInputs.SidecarWorkload : ""), level);
        Assert.Equal(1, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains($"OpenTelemetryCollector/demo/c: {field}: podSecurity {level} forbids ", r.Stderr);
    }

    [Fact]
    public void Baseline_allows_what_only_restricted_forbids()
    {
        var r = Render(CollectorInputs.Collector("statefulset", "  volumes: [{name: share, nfs: {server: nfs.local, path: /x}}]\n  securityContext: {capabilities: {add: [CHOWN]}}\n"), "baseline");
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Null(Context(Pod(r, "StatefulSet"), "containers", "otc-container")?["runAsNonRoot"]);
    }
}

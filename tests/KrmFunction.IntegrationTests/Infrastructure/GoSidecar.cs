using Xunit.Sdk;
using YamlDotNet.RepresentationModel;
using static KrmOtel.IntegrationTests.Infrastructure.Manifests;

namespace KrmOtel.IntegrationTests.Infrastructure;

/// <summary>What the operator's Go injection (instrumentation.md §5.5, §6) must have done to one workload.</summary>
/// <param name="ServiceName">k8s.deployment.name, the service name the operator picks for a Deployment.</param>
/// <param name="AppContainer">The instrumented (first) app container's name.</param>
/// <param name="ServiceVersion">The app image's tag.</param>
public sealed record GoSidecar(string Namespace, string ServiceName, string AppContainer, string ServiceVersion, string TargetExe)
{
    public const string ContainerName = "opentelemetry-auto-instrumentation";
    public const string DefaultImage = "ghcr.io/open-telemetry/opentelemetry-go-instrumentation/autoinstrumentation-go:v0.24.0";
    public const string Endpoint = "http://otel-collector.observability.svc.cluster.local:4318";

    /// <summary>IP vars, target exe, (go.env, spec.env: none here), the SDK block, OTEL_RESOURCE_ATTRIBUTES last.</summary>
    public static readonly string[] EnvOrder =
    [
        "OTEL_NODE_IP", "OTEL_POD_IP", "OTEL_GO_AUTO_TARGET_EXE", "OTEL_SERVICE_NAME", "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_RESOURCE_ATTRIBUTES_POD_NAME", "OTEL_RESOURCE_ATTRIBUTES_NODE_NAME", "OTEL_PROPAGATORS",
        "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_RESOURCE_ATTRIBUTES",
    ];

    /// <summary>The Instrumentation defaulter's Go resources (instrumentation.md §3.2).</summary>
    private static readonly YamlMappingNode DefaultResources =
        Parse("limits: {cpu: 500m, memory: 256Mi}\nrequests: {cpu: 50m, memory: 64Mi}\n").Objects[0];

    public string ResourceAttributes =>
        $"k8s.container.name={AppContainer},k8s.deployment.name={ServiceName},k8s.namespace.name={Namespace}," +
        "k8s.node.name=$(OTEL_RESOURCE_ATTRIBUTES_NODE_NAME),k8s.pod.name=$(OTEL_RESOURCE_ATTRIBUTES_POD_NAME)," +
        $"service.instance.id={Namespace}.$(OTEL_RESOURCE_ATTRIBUTES_POD_NAME).{AppContainer},service.namespace={Namespace}," +
        $"service.version={ServiceVersion}";

    /// <summary>
    /// Asserts the injected pod template of <paramref name="rendered"/>, and that every original container of
    /// <paramref name="original"/> is still there, unchanged and in front of the sidecar.
    /// </summary>
    public void AssertInjected(YamlMappingNode rendered, YamlMappingNode original)
    {
        var what = Describe(rendered);
        var pod = At(rendered, "spec", "template", "spec") ?? throw new XunitException($"{what}: no spec.template.spec");
        Check(Scalar(pod, "shareProcessNamespace") == "true", what, "spec.template.spec.shareProcessNamespace is not true");

        var containers = Sequence(pod, "containers");
        var originals = Sequence(original, "spec", "template", "spec", "containers");
        Check(containers.Count == originals.Count + 1, what, $"expected {originals.Count} app container(s) + the sidecar, found {containers.Count} containers");
        for (var i = 0; i < originals.Count && i < containers.Count; i++)
        {
            Check(Canonical(containers[i]) == Canonical(originals[i]), what,
                $"app container {i} changed:\n  was {Canonical(originals[i])}\n  now {Canonical(containers[i])}");
        }

        var sidecar = containers.Count > 0 ? containers[^1] : throw new XunitException($"{what}: no containers");
        Check(Scalar(sidecar, "name") == ContainerName, what, $"last container is {Scalar(sidecar, "name")}, not {ContainerName}");
        Check(Scalar(sidecar, "image") == DefaultImage, what, $"sidecar image {Scalar(sidecar, "image")}");
        Check(Scalar(sidecar, "securityContext", "runAsUser") == "0" && Scalar(sidecar, "securityContext", "privileged") == "true", what,
            $"sidecar securityContext is {Canonical(At(sidecar, "securityContext"))}, expected runAsUser 0, privileged true");
        Check(Canonical(At(sidecar, "resources")) == Canonical(DefaultResources), what,
            $"sidecar resources {Canonical(At(sidecar, "resources"))}, expected the defaulter's {Canonical(DefaultResources)}");
        var mount = Named(Sequence(sidecar, "volumeMounts"), "kernel-debug");
        Check(mount is not null && Scalar(mount, "mountPath") == "/sys/kernel/debug", what, "sidecar lacks the kernel-debug mount at /sys/kernel/debug");
        var volume = Named(Sequence(pod, "volumes"), "kernel-debug");
        Check(volume is not null && Scalar(volume, "hostPath", "path") == "/sys/kernel/debug", what, "no kernel-debug hostPath volume /sys/kernel/debug");

        var env = Sequence(sidecar, "env").OfType<YamlMappingNode>().ToList();
        var names = env.Select(e => Scalar(e, "name")).ToList();
        Check(names.SequenceEqual(EnvOrder), what, $"sidecar env order\n  expected {string.Join(", ", EnvOrder)}\n  actual   {string.Join(", ", names)}");
        CheckEnv(env, what, "OTEL_NODE_IP", fieldPath: "status.hostIP");
        CheckEnv(env, what, "OTEL_POD_IP", fieldPath: "status.podIP");
        CheckEnv(env, what, "OTEL_GO_AUTO_TARGET_EXE", value: TargetExe);
        CheckEnv(env, what, "OTEL_SERVICE_NAME", value: ServiceName);
        CheckEnv(env, what, "OTEL_EXPORTER_OTLP_ENDPOINT", value: Endpoint);
        CheckEnv(env, what, "OTEL_RESOURCE_ATTRIBUTES_POD_NAME", fieldPath: "metadata.name");
        CheckEnv(env, what, "OTEL_RESOURCE_ATTRIBUTES_NODE_NAME", fieldPath: "spec.nodeName");
        CheckEnv(env, what, "OTEL_PROPAGATORS", value: "tracecontext,baggage,b3");
        CheckEnv(env, what, "OTEL_TRACES_SAMPLER", value: "parentbased_traceidratio");
        CheckEnv(env, what, "OTEL_TRACES_SAMPLER_ARG", value: "1");
        CheckEnv(env, what, "OTEL_RESOURCE_ATTRIBUTES", value: ResourceAttributes);

        foreach (var container in containers.Take(containers.Count - 1))
            Check(Scalar(container, "securityContext", "privileged") != "true", what, $"app container {Scalar(container, "name")} is privileged");
    }

    /// <summary>Asserts that no Go sidecar was added to <paramref name="rendered"/>.</summary>
    public static void AssertNotInjected(YamlMappingNode rendered) =>
        Check(Named(Sequence(rendered, "spec", "template", "spec", "containers"), ContainerName) is null, Describe(rendered), "has a Go sidecar");

    private static void CheckEnv(List<YamlMappingNode> env, string what, string name, string? value = null, string? fieldPath = null)
    {
        var item = Named(env, name);
        if (item is null)
            return; // the order check above already names the missing variable
        if (value is not null)
            Check(Scalar(item, "value") == value, what, $"{name} = {Scalar(item, "value")}, expected {value}");
        if (fieldPath is not null)
            Check(Scalar(item, "valueFrom", "fieldRef", "fieldPath") == fieldPath, what, $"{name} is {Canonical(item)}, expected fieldRef {fieldPath}");
    }

    private static void Check(bool condition, string what, string message)
    {
        if (!condition)
            throw new XunitException($"{what}: {message}");
    }
}

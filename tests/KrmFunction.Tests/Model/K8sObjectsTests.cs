using k8s;
using k8s.Models;
using KrmOtel.Model;

namespace KrmOtel.Tests.Model;

/// <summary>The objects K8sObjects builds directly are exactly what their KubernetesClient models serialise to.</summary>
public class K8sObjectsTests
{
    [Theory]
    [InlineData("OTEL_SERVICE_NAME", "svc")]
    [InlineData("EMPTY", "")]
    [InlineData("QUOTED", "a \"b\" <c> é")]
    public void Env_is_the_typed_env_var(string name, string value) =>
        Assert.Equal(
            K8sObjects.Node(new V1EnvVar { Name = name, Value = value }, SourceGenerationContext.Default.V1EnvVar).ToJsonString(),
            K8sObjects.Env(name, value).ToJsonString());

    [Theory]
    [InlineData("OTEL_POD_IP", "status.podIP")]
    [InlineData("OTEL_RESOURCE_ATTRIBUTES_POD_NAME", "metadata.name")]
    public void FieldRefEnv_is_the_typed_env_var(string name, string fieldPath) =>
        Assert.Equal(
            K8sObjects.Node(new V1EnvVar { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = fieldPath } } }, SourceGenerationContext.Default.V1EnvVar).ToJsonString(),
            K8sObjects.FieldRefEnv(name, fieldPath).ToJsonString());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mount_is_the_typed_volume_mount(bool readOnly) =>
        Assert.Equal(
            K8sObjects.Node(new V1VolumeMount { Name = "kernel-debug", MountPath = "/sys/kernel/debug", ReadOnlyProperty = readOnly ? true : null }, SourceGenerationContext.Default.V1VolumeMount).ToJsonString(),
            K8sObjects.Mount("kernel-debug", "/sys/kernel/debug", readOnly).ToJsonString());

    [Fact]
    public void HostPathVolume_is_the_typed_volume() =>
        Assert.Equal(
            K8sObjects.Volume(new V1Volume { Name = "kernel-debug", HostPath = new V1HostPathVolumeSource { Path = "/sys/kernel/debug" } }).ToJsonString(),
            K8sObjects.HostPathVolume("kernel-debug", "/sys/kernel/debug").ToJsonString());

    [Fact]
    public void PrivilegedRoot_is_the_typed_security_context() =>
        Assert.Equal(
            K8sObjects.Node(new V1SecurityContext { RunAsUser = 0, Privileged = true }, SourceGenerationContext.Default.V1SecurityContext).ToJsonString(),
            K8sObjects.PrivilegedRoot().ToJsonString());

    [Fact]
    public void A_named_volume_is_the_typed_volume() =>
        Assert.Equal(K8sObjects.Volume(new V1Volume { Name = "opentelemetry-auto-instrumentation-java" }).ToJsonString(), K8sObjects.Volume("opentelemetry-auto-instrumentation-java").ToJsonString());
}

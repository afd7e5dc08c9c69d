using System.Text.Json.Nodes;
using k8s.Models;
using KrmOtel.Config;

using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>The Java agent (javaagent.go; spec §5.1): javaagent.jar copied by an init container, JAVA_TOOL_OPTIONS extended.</summary>
public sealed class JavaInjector : AgentInjector
{
    private const string ToolOptions = "JAVA_TOOL_OPTIONS";

    public override Language Language => Language.Java;

    protected override string[] GuardedVariables => [ToolOptions];

    // one mount path per container (javaagent.go)
    protected override string AppMountPath(string container) => $"{InitMountPath}-{container}";

    protected override string[] Command(PodContext pod) => ["cp", "/javaagent.jar", InitMountPath + "/javaagent.jar"];

    protected override void Defaults(EnvList env, LanguageSpec spec, string container, PodContext pod)
    {
        var argument = $" -javaagent:{AppMountPath(container)}/javaagent.jar";
        if (spec.Extensions.Count > 0)
            argument += $" -Dotel.javaagent.extensions={AppMountPath(container)}/extensions";
        env.AppendOrReplace(ToolOptions, env.Value(ToolOptions) + argument);
    }

    protected override IEnumerable<JsonObject> ExtraInitContainers(LanguageSpec spec, InstrumentationSpec inst, KrmOtelConfig config, JsonNode? securityContext)
    {
        for (var i = 0; i < spec.Extensions.Count; i++)
        {
            var extension = K8sObjects.Container(new V1Container
            {
                Name = $"opentelemetry-auto-instrumentation-extension-{i}",
                Image = ImageReference.WithRegistry(spec.Extensions[i].Image, config.ImageRegistry),
                Command = ["cp", "-r", spec.Extensions[i].Dir + "/.", InitMountPath + "/extensions"],
                VolumeMounts = [new V1VolumeMount { Name = VolumeName, MountPath = InitMountPath }],
            });
            extension["resources"] = spec.Resources.DeepClone();
            if (securityContext is not null)
                extension["securityContext"] = securityContext.DeepClone();
            yield return extension;
        }
    }
}

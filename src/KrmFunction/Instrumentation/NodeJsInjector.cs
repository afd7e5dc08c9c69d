using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>Node.js (nodejs.go; spec §5.2): the SDK copied by an init container, loaded through NODE_OPTIONS --require.</summary>
public sealed class NodeJsInjector : AgentInjector
{
    private const string NodeOptions = "NODE_OPTIONS";

    public override Language Language => Language.NodeJs;

    protected override string[] GuardedVariables => [NodeOptions];

    protected override string[] Command(PodContext pod) => ["cp", "-r", "/autoinstrumentation/.", InitMountPath];

    protected override void Defaults(EnvList env, LanguageSpec spec, string container, PodContext pod)
    {
        env.AppendOrReplace(NodeOptions, env.Value(NodeOptions) + $" --require {InitMountPath}/autoinstrumentation.js");
        // the Node.js SDK starts its metrics pipeline only with a reader configured (operator 0.158.0, issue #3768)
        env.AppendIfAbsent("OTEL_METRICS_EXPORTER", "otlp");
    }
}

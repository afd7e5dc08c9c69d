using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>Python (python.go; spec §5.3): the SDK copied by an init container (glibc or musl), put first on PYTHONPATH.</summary>
public sealed class PythonInjector : AgentInjector
{
    public const string PlatformAnnotation = PodAnnotations.Prefix + "otel-python-platform";
    private const string PythonPath = "PYTHONPATH";
    private const string Prefix = "/otel-auto-instrumentation-python/opentelemetry/instrumentation/auto_instrumentation";
    private const string Suffix = "/otel-auto-instrumentation-python";

    public override Language Language => Language.Python;

    protected override string[] GuardedVariables => [PythonPath];

    protected override string? PodProblem(PodContext pod) => pod.Effective(PlatformAnnotation) is "" or "glibc" or "musl"
        ? null
        : $"{PlatformAnnotation} is \"{pod.Effective(PlatformAnnotation)}\"; use glibc or musl (the operator would add an init container running `cp -r \"\"`, which fails)";

    protected override string[] Command(PodContext pod) =>
        ["cp", "-r", pod.Effective(PlatformAnnotation) == "musl" ? "/autoinstrumentation-musl/." : "/autoinstrumentation/.", InitMountPath];

    protected override void LanguageEnv(EnvList env, LanguageSpec spec)
    {
        env.AppendIfAbsent(spec.Env);
        if (env.Has(PythonPath))
            env.SetValue(PythonPath, $"{Prefix}:{env.Value(PythonPath)}:{Suffix}");
        else
            env.Append(PythonPath, $"{Prefix}:{Suffix}");
    }

    protected override void Defaults(EnvList env, LanguageSpec spec, string container, PodContext pod)
    {
        env.AppendIfAbsent("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        env.AppendIfAbsent("OTEL_TRACES_EXPORTER", "otlp");
        env.AppendIfAbsent("OTEL_METRICS_EXPORTER", "otlp");
        env.AppendIfAbsent("OTEL_LOGS_EXPORTER", "otlp");
    }
}

using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>.NET (dotnet.go; spec §5.4): the CLR profiler and startup hook copied by an init container.</summary>
public sealed class DotNetInjector : AgentInjector
{
    public const string RuntimeAnnotation = PodAnnotations.Prefix + "otel-dotnet-auto-runtime";
    private const string Home = "/otel-auto-instrumentation-dotnet";
    private const string AutoHome = "OTEL_DOTNET_AUTO_HOME";

    public override Language Language => Language.DotNet;

    protected override string[] GuardedVariables => ["DOTNET_STARTUP_HOOKS", "DOTNET_ADDITIONAL_DEPS", "DOTNET_SHARED_STORE"];

    protected override string? PodProblem(PodContext pod) => pod.Effective(RuntimeAnnotation) is "" or "linux-x64" or "linux-musl-x64"
        ? null
        : $"{RuntimeAnnotation} is \"{pod.Effective(RuntimeAnnotation)}\"; use linux-x64 or linux-musl-x64";

    protected override string? ContainerProblem(EnvList env, LanguageSpec spec) =>
        env.Has(AutoHome) ? $"{AutoHome} is already set in the container"
        : spec.Env.Any(e => EnvList.Name(e) == AutoHome) ? $"{AutoHome} is set in the Instrumentation's dotnet.env"
        : null;

    protected override string[] Command(PodContext pod) => ["cp", "-r", "/autoinstrumentation/.", InitMountPath];

    // setDotNetEnvVar: absent → appended; plain value → kept, or extended with ':' for the path lists; valueFrom → kept
    protected override void Defaults(EnvList env, LanguageSpec spec, string container, PodContext pod)
    {
        var musl = pod.Effective(RuntimeAnnotation) == "linux-musl-x64";
        Set(env, "CORECLR_ENABLE_PROFILING", "1", concat: false);
        Set(env, "CORECLR_PROFILER", "{918728DD-259F-4A6A-AC2B-B85E1B658318}", concat: false);
        Set(env, "CORECLR_PROFILER_PATH", $"{Home}/{(musl ? "linux-musl" : "linux")}/OpenTelemetry.AutoInstrumentation.Native.so", concat: false);
        Set(env, "DOTNET_STARTUP_HOOKS", $"{Home}/net/OpenTelemetry.AutoInstrumentation.StartupHook.dll", concat: true);
        Set(env, "DOTNET_ADDITIONAL_DEPS", $"{Home}/AdditionalDeps", concat: true);
        Set(env, AutoHome, Home, concat: false);
        Set(env, "DOTNET_SHARED_STORE", $"{Home}/store", concat: true);
    }

    private static void Set(EnvList env, string name, string value, bool concat)
    {
        if (!env.Has(name))
            env.Append(name, value);
        else if (concat && !env.UsesValueFrom(name))
            env.SetValue(name, $"{env.Value(name)}:{value}");
    }
}

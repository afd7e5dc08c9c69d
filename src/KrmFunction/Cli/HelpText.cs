namespace KrmOtel.Cli;

public static class HelpText
{
    public const string Usage = """
        krm-otel: OpenTelemetry for Kubernetes, rendered instead of admitted.

        Usage:
          krm-otel                          KRM function: ResourceList on stdin, ResourceList on stdout (kpt, kustomize exec/container)
          krm-otel CONFIG_FILE              kustomize legacy exec plugin: plain YAML stream on stdin and stdout
          krm-otel render PATH... [--config FILE]
                                            render files and directories (recursively; - is stdin) to a plain stream on stdout,
                                            findings on stderr; local-config objects are left out
          krm-otel eject PATH... --out DIR [--config FILE]
                                            render, then write DIR (new or empty): resources.yaml with the objects as read
                                            and a kustomization.yaml whose JSON6902 patches reproduce the render
          krm-otel images PATH... [--config FILE]
                                            every image the render adds, sorted, one a line (for mirroring)
          krm-otel doctor PATH... [--config FILE]
                                            render without writing objects and print every finding as a table
                                            (severity, object, field, file, message); exit 1 on one at or above failOn
          krm-otel --help | --version

        Exit codes: 0 rendered (warnings allowed), 1 refused (a finding at or above failOn), 2 usage error.
        Function config: apiVersion fn.krm-otel.dev/v1alpha1, kind KrmOtel (see functions.yaml), a ConfigMap with the
        same keys, or an Instrumentation / OpenTelemetryCollector (generator style).
        """;
}

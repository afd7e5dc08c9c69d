using System.Text;
using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Instrumentation;

/// <summary>Large renders use every core; the output must be byte for byte what rendering each object alone gives.</summary>
public class ParallelRenderTests
{
    private static readonly string[] Languages = ["java", "nodejs", "python", "dotnet", "sdk", "go"];

    [Fact]
    public void A_large_render_equals_the_objects_rendered_one_by_one()
    {
        const string instrumentation = "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: otel\n  namespace: shop\nspec:\n  exporter:\n    endpoint: http://collector:4318\n";
        using var dir = Krm.Files(("config.yaml", "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  enableGoInstrumentation: true\n"));
        var workloads = Enumerable.Range(0, 600).Select(Workload).ToList();
        var all = Krm.Run(instrumentation + "---\n" + string.Join("---\n", workloads), "render", "-", "--config", dir["config.yaml"]);
        Assert.True(all.Exit == 0, all.Stderr);

        var oneByOne = new StringBuilder();
        foreach (var w in workloads)
        {
            var single = Krm.Run(instrumentation + "---\n" + w, "render", "-", "--config", dir["config.yaml"]);
            Assert.True(single.Exit == 0, single.Stderr);
            oneByOne.Append(oneByOne.Length == 0 ? "" : "---\n").Append(single.Stdout);
        }
        Assert.Equal(oneByOne.ToString(), all.Stdout);
        Assert.Equal(all.Stdout, Krm.Run(instrumentation + "---\n" + string.Join("---\n", workloads), "render", "-", "--config", dir["config.yaml"]).Stdout);
    }

    private static string Workload(int i) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: svc-{i}
          namespace: shop
        spec:
          selector:
            matchLabels:
              app: svc-{i}
          template:
            metadata:
              labels:
                app: svc-{i}
              annotations:
                instrumentation.opentelemetry.io/inject-{Languages[i % Languages.Length]}: "true"
                instrumentation.opentelemetry.io/otel-go-auto-target-exe: /app
            spec:
              containers:
              - name: app
                image: registry.example.com/svc-{i}:1.{i % 7}.0
                env:
                - name: LOG_LEVEL
                  value: info

        """;
}

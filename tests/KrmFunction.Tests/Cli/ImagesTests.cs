using KrmOtel.Tests.Support;
using static KrmOtel.Tests.Cli.CliSupport;

namespace KrmOtel.Tests.Cli;

/// <summary><c>krm-otel images PATH... [--config FILE]</c>: every image the render adds, sorted, once each.</summary>
public class ImagesTests
{
    private const string GoAgent = "ghcr.io/open-telemetry/opentelemetry-go-instrumentation/autoinstrumentation-go:v0.24.0";
    private const string WebServerAgent = "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-apache-httpd:1.0.4";

    [Fact]
    public void Prints_the_images_of_the_containers_the_render_adds_and_not_the_workloads_own()
    {
        using var dir = Krm.Files(("in.yaml", Instr + "\n---\n" + GoDeployment("voting") + "\n---\n" + GoDeployment("web") + "\n---\n" + ConfigMap), ("config.yaml", GoEnabled));
        var r = Run("", "images", dir["in.yaml"], "--config", dir["config.yaml"]);
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Equal(GoAgent + "\n", r.Stdout); // two workloads, one image
    }

    [Fact]
    public void Apache_and_Nginx_add_the_webserver_agent_image_but_not_the_clone_of_the_application_image()
    {
        var dir = Krm.TestData("render");
        var apache = Run("", "images", Path.Combine(dir, "apache-deployment", "input.yaml"));
        var nginx = Run("", "images", Path.Combine(dir, "nginx-statefulset", "input.yaml"));
        Assert.True(apache.Exit == 0, apache.Stderr);
        Assert.True(nginx.Exit == 0, nginx.Stderr);
        // the clone init container runs the application's own image, which the input already names
        Assert.Equal(WebServerAgent + "\n", apache.Stdout);
        Assert.Equal(WebServerAgent + "\n", nginx.Stdout);
    }

    [Fact]
    public void An_image_registry_rewrites_the_webserver_agent_image()
    {
        var dir = Krm.TestData("render", "apache-image-registry");
        var r = Run("", "images", Path.Combine(dir, "input.yaml"), "--config", Path.Combine(dir, "config.yaml"));
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Equal("mirror.internal.example:5000/otel/open-telemetry/opentelemetry-operator/autoinstrumentation-apache-httpd:1.0.4\n", r.Stdout);
    }

    [Fact]
    public void The_images_are_sorted()
    {
        using var dir = Krm.Files(("in.yaml", Instr + "\n---\n" + GoDeployment() + "\n---\n" + JavaShop), ("config.yaml", GoEnabled));
        var r = Run("", "images", dir["in.yaml"], "--config", dir["config.yaml"]);
        Assert.True(r.Exit == 0, r.Stderr);
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains(GoAgent, lines);
        Assert.Contains(lines, l => l.Contains("autoinstrumentation-java", StringComparison.Ordinal));
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
    }

    [Fact]
    public void Nothing_to_add_prints_nothing()
    {
        using var dir = Krm.Files(("in.yaml", ConfigMap + "\n---\n" + GoDeployment(injectValue: "\"false\"")));
        var r = Run("", "images", dir["in.yaml"]);
        Assert.Equal(0, r.Exit);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void An_already_instrumented_workload_adds_nothing_again()
    {
        using var dir = Krm.Files(("in.yaml", Instr + "\n---\n" + GoDeployment()), ("config.yaml", GoEnabled));
        var first = Run("", "render", dir["in.yaml"], "--config", dir["config.yaml"]);
        Assert.Equal(0, first.Exit);
        File.WriteAllText(dir["in.yaml"], first.Stdout + "---\n" + Instr + "\n");
        var r = Run("", "images", dir["in.yaml"], "--config", dir["config.yaml"]);
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void A_refused_render_prints_nothing_and_exits_1()
    {
        using var dir = Krm.Files(("in.yaml", Instr + "\n---\n" + GoDeployment()));
        var r = Run("", "images", dir["in.yaml"]);
        Assert.Equal(1, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains("enableGoInstrumentation", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdin_is_an_input()
    {
        var r = Run(Instr + "\n---\n" + GoDeployment() + "\n---\n" + GoEnabled, "images", "-");
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Equal(GoAgent + "\n", r.Stdout);
    }

    [Theory]
    [InlineData("images")]
    [InlineData("images", "--bogus", "x.yaml")]
    [InlineData("images", "x.yaml", "--out", "d")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var r = Run("", args);
        Assert.Equal(2, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains("usage: krm-otel images PATH... [--config FILE]", r.Stderr, StringComparison.Ordinal);
    }
}

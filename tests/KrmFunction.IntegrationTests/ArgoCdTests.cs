using KrmOtel.IntegrationTests.Infrastructure;
using static KrmOtel.IntegrationTests.Infrastructure.Manifests;

namespace KrmOtel.IntegrationTests;

/// <summary>
/// examples/argocd: the config management plugin's generate command run the way Argo CD's repo-server runs it
/// (tests/tools/emulate-cmp.sh: tarball copy with 0644/0755 modes, ARGOCD_* environment, cwd = the app
/// directory, output parsed as the repo-server parses it), plus offline checks of the install manifests.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ArgoCdTests
{
    private const string AppPath = "examples/argocd/app";
    private static readonly string Example = RepoPaths.Example("argocd");
    private static readonly string EmulateCmp = Path.Combine(RepoPaths.Tools, "emulate-cmp.sh");
    private static readonly GoSidecar Orders = new("demo", "orders", "orders", "1.4.2", "/app/app");

    private readonly PublishedBinary _binary;

    public ArgoCdTests(PublishedBinary binary)
    {
        _binary = binary;
    }

    [Fact]
    public void Generate_output_matches_the_expected_output()
    {
        using var temp = new TempDirectory();
        var repo = CopyRepo(temp);
        var output = temp.Combine("out.yaml");

        var result = Generate(repo, output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("0 problems", result.Stderr, StringComparison.Ordinal);
        var text = File.ReadAllText(output);
        Golden.AssertMatches(Path.Combine(Example, ".expected", "output.yaml"), text, "generate output");
        var rendered = Parse(text);
        Orders.AssertInjected(rendered.Get("Deployment", "orders"), Load(Path.Combine(Example, "app", "deployment.yaml")).Get("Deployment", "orders"));
        Assert.Equal(Canonical(Load(Path.Combine(Example, "app", "service.yaml")).Objects.Single()), Canonical(rendered.Get("Service", "orders")));
        Assert.Equal(2, rendered.Objects.Count);
    }

    [Fact]
    public void Generate_works_as_the_sidecar_user_999()
    {
        using var temp = new TempDirectory();
        var repo = CopyRepo(temp);
        var output = temp.Combine("out.yaml");

        var result = Generate(repo, output, ("CMP_AS_UID", "999"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Golden.AssertMatches(Path.Combine(Example, ".expected", "output.yaml"), File.ReadAllText(output), "generate output as uid 999");
    }

    [Fact]
    public void Generate_with_a_refusing_config_fails_manifest_generation()
    {
        using var temp = new TempDirectory();
        var repo = CopyRepo(temp);
        var config = Path.Combine(repo, AppPath, "krm-otel.yaml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("enableGoInstrumentation: true", "enableGoInstrumentation: false", StringComparison.Ordinal));
        var output = temp.Combine("out.yaml");

        var result = Generate(repo, output);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("generate failed with exit code 1", result.Stderr, StringComparison.Ordinal);
        // Argo CD shows the command's stderr as the error: it must say what to change
        Assert.Contains("enableGoInstrumentation", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output), "nothing may be handed to Argo CD on failure");
    }

    [Fact]
    public void Render_refusal_prints_nothing_on_stdout()
    {
        using var temp = new TempDirectory();
        var app = temp.CopyFrom(Path.Combine(Example, "app"), "app");
        var config = Path.Combine(app, "krm-otel.yaml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("enableGoInstrumentation: true", "enableGoInstrumentation: false", StringComparison.Ordinal));

        // an empty stream with exit 0 would make Argo CD prune the whole application
        var result = ProcessRunner.Run(_binary.Path, ["render", "."], app);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.NotEmpty(result.Stderr.Trim());
    }

    [Fact]
    public void Plugin_configmap_carries_plugin_yaml_verbatim()
    {
        var configMap = Load(Path.Combine(Example, "plugin-configmap.yaml")).Get("ConfigMap", "krm-otel-plugin");

        Assert.Equal(File.ReadAllText(Path.Combine(Example, "plugin.yaml")), Scalar(configMap, "data", "plugin.yaml"));
        var plugin = Load(Path.Combine(Example, "plugin.yaml")).Get("ConfigManagementPlugin", "krm-otel");
        Assert.Equal(["krm-otel", "render", "."], Sequence(plugin, "spec", "generate", "command").Select(n => Scalar(n)));
        Assert.Equal("**/krm-otel.yaml", Scalar(plugin, "spec", "discover", "find", "glob"));
    }

    [Fact]
    public void Repo_server_patch_adds_the_plugin_sidecar()
    {
        using var temp = new TempDirectory();
        var dir = Directory.CreateDirectory(temp.Combine("install")).FullName;
        File.Copy(Path.Combine(Example, "repo-server-patch.yaml"), Path.Combine(dir, "repo-server-patch.yaml"));
        File.Copy(Path.Combine(Example, "plugin-configmap.yaml"), Path.Combine(dir, "plugin-configmap.yaml"));
        File.WriteAllText(Path.Combine(dir, "repo-server.yaml"), StockRepoServer);
        File.WriteAllText(Path.Combine(dir, "kustomization.yaml"),
            "resources:\n- repo-server.yaml\n- plugin-configmap.yaml\npatches:\n- path: repo-server-patch.yaml\n");

        var result = ProcessRunner.Run(ExternalTools.Kubectl, ["kustomize", dir], dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = Parse(result.Stdout);
        var pod = At(output.Get("Deployment", "argocd-repo-server"), "spec", "template", "spec")!;
        var containers = Sequence(pod, "containers");
        // strategic merge: lists merge by name, new items may come first
        Assert.Equal(["argocd-repo-server", "krm-otel"], containers.Select(c => Scalar(c, "name")).Order(StringComparer.Ordinal));
        var sidecar = Named(containers, "krm-otel")!;
        Assert.Equal("/var/run/argocd/argocd-cmp-server", Scalar(sidecar, "command", 0));
        Assert.Equal("999", Scalar(sidecar, "securityContext", "runAsUser"));
        Assert.Equal("true", Scalar(sidecar, "securityContext", "runAsNonRoot"));
        var mounts = Sequence(sidecar, "volumeMounts");
        Assert.Equal("/var/run/argocd", Scalar(Named(mounts, "var-files")!, "mountPath"));
        Assert.Equal("/home/argocd/cmp-server/plugins", Scalar(Named(mounts, "plugins")!, "mountPath"));
        Assert.Equal("/tmp", Scalar(Named(mounts, "cmp-tmp")!, "mountPath"));
        var config = Named(mounts, "krm-otel-plugin")!;
        Assert.Equal("/home/argocd/cmp-server/config/plugin.yaml", Scalar(config, "mountPath"));
        Assert.Equal("plugin.yaml", Scalar(config, "subPath"));
        var volumes = Sequence(pod, "volumes");
        Assert.Equal(["cmp-tmp", "krm-otel-plugin", "plugins", "var-files"], volumes.Select(v => Scalar(v, "name")).Order(StringComparer.Ordinal));
        Assert.Equal("krm-otel-plugin", Scalar(Named(volumes, "krm-otel-plugin")!, "configMap", "name"));
        Assert.NotNull(output.Find("ConfigMap", "krm-otel-plugin"));
    }

    /// <summary>The parts of Argo CD's own argocd-repo-server Deployment the patch merges into.</summary>
    private const string StockRepoServer = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: argocd-repo-server
        spec:
          selector:
            matchLabels:
              app.kubernetes.io/name: argocd-repo-server
          template:
            metadata:
              labels:
                app.kubernetes.io/name: argocd-repo-server
            spec:
              containers:
              - name: argocd-repo-server
                image: quay.io/argoproj/argocd:v3.1.0
                volumeMounts:
                - name: var-files
                  mountPath: /var/run/argocd
                - name: plugins
                  mountPath: /home/argocd/cmp-server/plugins
              volumes:
              - name: var-files
                emptyDir: {}
              - name: plugins
                emptyDir: {}
        """;

    /// <summary>A repository holding examples/argocd at its usual path, as Argo CD would check it out.</summary>
    private static string CopyRepo(TempDirectory temp)
    {
        var repo = Directory.CreateDirectory(temp.Combine("repo")).FullName;
        TempDirectory.CopyDirectory(Example, Path.Combine(repo, "examples", "argocd"));
        return repo;
    }

    private ProcessResult Generate(string repo, string output, params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = _binary.SearchPath,
            ["ARGOCD_APP_NAME"] = "orders",
            ["ARGOCD_APP_NAMESPACE"] = "demo",
            ["ARGOCD_ENV_FOO"] = "bar",
            ["PARAM_FAIL_ON"] = "error",
        };
        foreach (var (name, value) in extra)
            environment[name] = value;
        return ProcessRunner.Run(EmulateCmp, [Path.Combine(Example, "plugin.yaml"), repo, AppPath, output], repo, environment);
    }
}

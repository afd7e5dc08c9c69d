using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;
using static KrmOtel.Tests.Cli.CliSupport;

namespace KrmOtel.Tests.Cli;

/// <summary>spec/krm.md "Mode detection" and spec/product.md §2: which mode argv picks and what each one writes.</summary>
public class ModesTests
{
    private const string Second = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: demo
        spec:
          ports:
          - port: 80   # http
            targetPort: "8080"
        """;

    // ---------------------------------------------------------------- ResourceList mode

    [Theory]
    [InlineData("config.kubernetes.io/v1")]
    [InlineData("config.kubernetes.io/v1beta1")]
    [InlineData("config.kubernetes.io/v1alpha1")]
    public void ResourceList_version_is_echoed_back(string apiVersion)
    {
        var r = Run(Krm.ResourceList(ConfigMap, apiVersion: apiVersion));
        Assert.Equal(0, r.Exit);
        Assert.StartsWith($"apiVersion: {apiVersion}\nkind: ResourceList\n", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(apiVersion, Str(r.ResourceList["apiVersion"]));
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Json_ResourceList_is_read_and_answered_in_block_yaml()
    {
        const string json = """{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"demo"},"data":{"k":"v","n":"0777"}},{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80}]}}],"functionConfig":{"apiVersion":"fn.krm-otel.dev/v1alpha1","kind":"KrmOtel","metadata":{"name":"otel"},"spec":{}}}""";
        var r = Run(json);
        Assert.Equal(0, r.Exit);
        Assert.Equal("", r.Stderr);
        // block style: no flow collections anywhere, one key per line
        Assert.DoesNotContain("{", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[", r.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- ", r.Stdout, StringComparison.Ordinal);
        var expected = (JsonArray)JsonNode.Parse(json)!["items"]!;
        Assert.True(JsonNode.DeepEquals(expected, Items(r)), r.Stdout);
    }

    [Theory]
    [InlineData("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n")]
    [InlineData("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: function-input\n  data: {}\n")]
    [InlineData("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n")]
    [InlineData("{\"apiVersion\":\"config.kubernetes.io/v1\",\"kind\":\"ResourceList\",\"items\":[]}")]
    public void Empty_items_give_a_ResourceList_with_empty_items_never_empty_stdout(string stdin)
    {
        var r = Run(stdin);
        Assert.Equal(0, r.Exit);
        Assert.Equal("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Untouched_items_come_out_byte_identical()
    {
        var stdin = Krm.ResourceList(ConfigMap + "\n---\n" + Second, GoEnabled);
        var r = Run(stdin);
        Assert.Equal(0, r.Exit);
        Assert.Equal(ItemsText(stdin), ItemsText(r.Stdout));
    }

    [Fact]
    public void Untouched_items_stay_byte_identical_next_to_an_injected_one()
    {
        var stdin = Krm.ResourceList(ConfigMap + "\n---\n" + Instr + "\n---\n" + GoDeployment() + "\n---\n" + Second, GoEnabled);
        var r = Run(stdin);
        Assert.Equal(0, r.Exit);
        var text = ItemsText(r.Stdout);
        Assert.StartsWith(ItemsText(Krm.ResourceList(ConfigMap)) + "\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n" + ItemsText(Krm.ResourceList(Second)), text, StringComparison.Ordinal);
        var deployment = Items(r).Single(i => Str(i!["kind"]) == "Deployment")!;
        Assert.Contains(deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray(), c => Str(c!["name"]) == "opentelemetry-auto-instrumentation");
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("foo", "bar")]
    [InlineData("key=value", "--", "x")]
    public void Extra_argv_words_that_are_not_files_still_mean_ResourceList_mode(params string[] args)
    {
        var stdin = Krm.ResourceList(ConfigMap);
        var r = Run(stdin, args);
        Assert.Equal(0, r.Exit);
        Assert.Equal("ResourceList", Str(r.ResourceList["kind"]));
        Assert.Equal(ItemsText(stdin), ItemsText(r.Stdout));
    }

    // ---------------------------------------------------------------- legacy plugin mode

    [Fact]
    public void Legacy_plugin_mode_reads_and_writes_a_plain_stream()
    {
        using var dir = Krm.Files(("config.yaml", GoEnabled + "\n"));
        var stdin = ConfigMap + "\n---\n" + Second + "\n";
        var r = Run(stdin, dir["config.yaml"]);
        Assert.Equal(0, r.Exit);
        Assert.Equal("", r.Stderr);
        Assert.Equal(ConfigMap + "\n---\n" + Second + "\n", r.Stdout);
        Assert.DoesNotContain("ResourceList", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_plugin_mode_injects_and_separates_documents_with_dashes()
    {
        using var dir = Krm.Files(("config.yaml", GoEnabled + "\n"));
        var r = Run(ConfigMap + "\n---\n" + Instr + "\n---\n" + GoDeployment() + "\n", dir["config.yaml"]);
        Assert.Equal(0, r.Exit);
        Assert.Equal(2, r.Documents.Count);
        Assert.Equal(2, r.Stdout.Split('\n').Count(l => l == "---") + 1);
        Assert.StartsWith(ConfigMap + "\n---\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("opentelemetry-auto-instrumentation", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_plugin_mode_keeps_kustomize_annotations()
    {
        using var dir = Krm.Files(("config.yaml", GoEnabled + "\n"));
        const string item = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    kustomize.config.k8s.io/id: |\n      kind: ConfigMap\n      name: a\n      version: v1\ndata:\n  k: v";
        var r = Run(item + "\n", dir["config.yaml"]);
        Assert.Equal(0, r.Exit);
        Assert.Equal(item + "\n", r.Stdout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public void Legacy_plugin_mode_with_empty_stdin_is_a_generator_and_exits_0(string stdin)
    {
        using var dir = Krm.Files(("config.yaml", GoEnabled + "\n"));
        var r = Run(stdin, dir["config.yaml"]);
        Assert.Equal(0, r.Exit);
        Assert.DoesNotContain("error", r.Stderr, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- render

    [Fact]
    public void Render_a_file()
    {
        using var dir = Krm.Files(("app.yaml", ConfigMap + "\n---\n" + Second + "\n"));
        var r = Run("", "render", dir["app.yaml"]);
        Assert.Equal(0, r.Exit);
        Assert.Equal(ConfigMap + "\n---\n" + Second + "\n", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Render_a_directory_recursively_sorted_skipping_hidden_and_kustomization_files()
    {
        using var dir = Krm.Files(
            ("b.yaml", Named("b")),
            ("a.yaml", Named("a")),
            ("sub/d.yml", Named("d")),
            ("sub/c.json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}"""),
            ("sub/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- d.yml\n"),
            ("z.yaml", Named("z")),
            ("kustomization.yaml", "resources:\n- a.yaml\n"),
            (".hidden/h.yaml", Named("hidden")),
            ("sub/.git/g.yaml", Named("git")),
            (".dot.yaml", Named("dotfile")),
            ("notes.txt", Named("txt")),
            ("README.md", "# readme\n"));
        var r = Run("", "render", dir.Path);
        Assert.Equal(0, r.Exit);
        Assert.DoesNotContain("error", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(["a", "b", "c", "d", "z"], r.Documents.Select(d => Str(d!["metadata"]!["name"])));
    }

    [Fact]
    public void Render_stdin()
    {
        var r = Run(ConfigMap + "\n---\n" + Second + "\n", "render", "-");
        Assert.Equal(0, r.Exit);
        Assert.Equal(ConfigMap + "\n---\n" + Second + "\n", r.Stdout);
    }

    [Fact]
    public void Render_several_paths_in_argument_order()
    {
        using var dir = Krm.Files(("one.yaml", Named("one")), ("two/x.yaml", Named("two-x")), ("two/y.yaml", Named("two-y")));
        var r = Run(Named("stdin"), "render", dir["two"], "-", dir["one.yaml"]);
        Assert.Equal(0, r.Exit);
        Assert.Equal(["two-x", "two-y", "stdin", "one"], r.Documents.Select(d => Str(d!["metadata"]!["name"])));
    }

    [Fact]
    public void Render_drops_local_config_and_KrmOtel_objects()
    {
        const string local = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n  annotations:\n    config.kubernetes.io/local-config: \"true\"\ndata:\n  k: v\n";
        using var dir = Krm.Files(("a.yaml", Named("kept") + "---\n" + local + "---\n" + GoEnabled + "\n"));
        var r = Run("", "render", dir["a.yaml"]);
        Assert.Equal(0, r.Exit);
        Assert.Equal(["kept"], r.Documents.Select(d => Str(d!["metadata"]!["name"])));
        Assert.DoesNotContain("KrmOtel", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_strips_tool_annotations_and_keeps_the_others()
    {
        const string input = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
              annotations:
                config.kubernetes.io/path: a.yaml
                config.kubernetes.io/index: '0'
                internal.config.kubernetes.io/path: a.yaml
                internal.config.kubernetes.io/index: '0'
                internal.config.kubernetes.io/id: '1'
                internal.config.kubernetes.io/seqindent: compact
                internal.config.kubernetes.io/annotations-migration-resource-id: '0'
                config.k8s.io/id: '1'
                kustomize.config.k8s.io/id: |
                  kind: ConfigMap
                  name: a
                  version: v1
                kustomize.config.k8s.io/needs-hash: 'true'
                team.example.com/owner: shop
            data:
              k: v
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: b
              annotations:
                config.kubernetes.io/path: b.yaml
                config.k8s.io/id: '2'
            data:
              k: v
            """;
        var r = Run(input + "\n", "render", "-");
        Assert.Equal(0, r.Exit);
        var docs = r.Documents;
        Assert.Equal(2, docs.Count);
        Assert.Equal("""{"team.example.com/owner":"shop"}""", docs[0]!["metadata"]!["annotations"]!.ToJsonString());
        Assert.Null(docs[1]!["metadata"]!["annotations"]);
        foreach (var key in new[] { "config.kubernetes.io/path", "config.kubernetes.io/index", "internal.config.kubernetes.io", "config.k8s.io/id", "kustomize.config.k8s.io" })
            Assert.DoesNotContain(key, r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_uses_a_KrmOtel_object_among_the_inputs_as_config()
    {
        using var dir = Krm.Files(
            ("app/deploy.yaml", GoDeployment() + "\n"),
            ("app/instrumentation.yaml", Instr + "\n"),
            ("krm-otel.yaml", GoEnabled + "\n"));
        var r = Run("", "render", dir.Path);
        Assert.Equal(0, r.Exit);
        var deployment = Assert.Single(r.Documents)!;
        Assert.Contains(deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray(), c => Str(c!["name"]) == "opentelemetry-auto-instrumentation");

        // the same inputs without it: Go is not enabled, so the render is refused
        var without = Run("", "render", dir["app"]);
        Assert.Equal(1, without.Exit);
        Assert.Contains("enableGoInstrumentation", without.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_with_two_KrmOtel_objects_is_an_error()
    {
        using var dir = Krm.Files(("a.yaml", Named("a")), ("one.yaml", GoEnabled + "\n"), ("two.yaml", GoEnabled.Replace("name: otel", "name: other", StringComparison.Ordinal) + "\n"));
        var r = Run("", "render", dir.Path);
        Assert.Equal(1, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains("2 KrmOtel configs", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("one.yaml", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("two.yaml", r.Stderr, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- help, version, usage errors

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_prints_usage(string arg)
    {
        var r = Run("", arg);
        Assert.Equal(0, r.Exit);
        Assert.Contains("Usage:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("krm-otel render PATH", r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("version")]
    public void Version_names_the_tool_and_the_operator_release(string arg)
    {
        var r = Run("", arg);
        Assert.Equal(0, r.Exit);
        var line = Assert.Single(r.Stdout.TrimEnd('\n').Split('\n'));
        Assert.Contains("krm-otel", line, StringComparison.Ordinal);
        Assert.Contains("v0.158.0", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("-x")]
    public void Unknown_option_exits_2(string option)
    {
        var r = Run(Krm.ResourceList(ConfigMap), option);
        Assert.Equal(2, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains(option, r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("render")]
    [InlineData("render", "--config", "c.yaml")]
    [InlineData("render", "--bogus", "x.yaml")]
    public void Render_usage_errors_exit_2(params string[] args)
    {
        var r = Run("", args);
        Assert.Equal(2, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains("usage: krm-otel render", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_with_a_missing_config_file_exits_1()
    {
        using var dir = Krm.Files(("x.yaml", Named("x")));
        var missing = dir["missing.yaml"];
        var r = Run("", "render", "--config", missing, dir["x.yaml"]);
        Assert.Equal(1, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains(missing, r.Stderr, StringComparison.Ordinal);
        NoStackTrace(r);
    }

    private static string Named(string name) => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  k: v\n";
}

using System.Diagnostics;
using System.Text;
using KrmOtel.Tests.Support;
using Xunit.Abstractions;
using static KrmOtel.Tests.Cli.CliSupport;

namespace KrmOtel.Tests.Cli;

/// <summary>
/// Input a user can get wrong: every case ends with exit 1 and a finding that names the problem, never a crash or a
/// stack trace (spec/product.md §3 "Unknown fields and bad values are errors that name the field", §5 "Bounded").
/// </summary>
public class BadInputTests(ITestOutputHelper output)
{
    public enum Mode
    {
        /// <summary><c>krm-otel render -</c> with the text as a plain stream.</summary>
        Render,

        /// <summary><c>krm-otel</c> with the text wrapped as the items of a ResourceList.</summary>
        ResourceList,

        /// <summary><c>krm-otel</c> with the text as stdin, verbatim.</summary>
        RawStdin,
    }

    private static RunResult RunIn(Mode mode, string text, string? functionConfig = null) => mode switch
    {
        Mode.Render when functionConfig is null => Run(text, "render", "-"),
        Mode.Render => Run(text + "\n---\n" + functionConfig + "\n", "render", "-"),
        Mode.ResourceList => Run(Krm.ResourceList(text, functionConfig)),
        _ => Run(text),
    };

    /// <summary>Exit 1, each expected text on stderr, no stack trace; in ResourceList mode also an error result on stdout.</summary>
    private static void Refused(RunResult r, Mode mode, params string[] expected)
    {
        NoStackTrace(r);
        Assert.True(r.Exit == 1, $"exit {r.Exit}, expected 1\nstdout:\n{r.Stdout}\nstderr:\n{r.Stderr}");
        foreach (var e in expected)
            Assert.Contains(e, r.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"krm-otel: render refused: \d+ finding\(s\) at or above error\n$", r.Stderr);
        if (mode == Mode.Render)
        {
            Assert.Equal("", r.Stdout);
            return;
        }
        // kpt prints results only from stdout: the ResourceList and its results are there on a refusal too
        Assert.Equal("ResourceList", Str(r.ResourceList["kind"]));
        Assert.Contains(Results(r), x => Str(x!["severity"]) == "error"
            && (Str(x["message"]) + " " + Str(x["field"]?["path"])).Contains(expected[0], StringComparison.Ordinal));
    }

    private const string Good = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\ndata:\n  k: v";

    // ---------------------------------------------------------------- YAML syntax

    public static TheoryData<string, string, string> Malformed => new()
    {
        // name, text, the line the finding must name (1-based, in the plain stream)
        { "mapping value in a plain scalar", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: : :\n  y: 3\n", "line 6" },
        { "unterminated quoted string", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"abc\n", "line 6" },
        { "bad indentation", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n data: 1\n", "line 5" },
        { "unclosed flow sequence followed by a key", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: [1, 2\n  y: 3\n", "line 6" },
        { "unclosed flow sequence at the end", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: [1, 2\n", "line 6" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_yaml_is_refused_naming_the_line(string name, string text, string line)
    {
        _ = name;
        var r = RunIn(Mode.Render, text);
        Refused(r, Mode.Render, "not valid YAML");
        // the line named is the bad one or the next (where the parser notices), never line 1 of a document
        var n = int.Parse(line["line ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches($"line ({n}|{n + 1})[^0-9]", r.Stderr);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_yaml_in_a_ResourceList_is_refused_naming_the_line(string name, string text, string line)
    {
        _ = name;
        // as ResourceList items, every line moves down by 3 (apiVersion, kind, items:)
        var n = int.Parse(line["line ".Length..], System.Globalization.CultureInfo.InvariantCulture) + 3;
        var r = RunIn(Mode.ResourceList, text);
        NoStackTrace(r);
        Assert.Equal(1, r.Exit);
        Assert.Matches($"line ({n}|{n + 1})[^0-9]", r.Stderr);
        Assert.Contains(Results(r), x => Str(x!["severity"]) == "error" && Str(x["message"]).Contains("line", StringComparison.Ordinal));
    }

    private static string TabIndented(Mode mode) => mode == Mode.Render
        ? "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n"
        : "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n  \tname: a\n";

    [Theory]
    [InlineData(Mode.Render)]
    [InlineData(Mode.RawStdin)]
    public void A_tab_indented_document_is_refused_naming_the_tab(Mode mode)
    {
        Refused(RunIn(mode, TabIndented(mode)), mode, "tab");
    }

    [Theory]
    [InlineData(Mode.Render, "line 4:")]
    [InlineData(Mode.RawStdin, "line 7:")]
    public void A_tab_indented_document_is_refused_naming_the_line_of_the_tab(Mode mode, string line)
    {
        var r = RunIn(mode, TabIndented(mode));
        Assert.Equal(1, r.Exit);
        Assert.Contains(line, r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Mode.Render)]
    [InlineData(Mode.ResourceList)]
    public void Duplicate_keys_are_refused(Mode mode)
    {
        var r = RunIn(mode, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
        Refused(r, mode, "duplicate key \"name\"");
    }

    public static TheoryData<string, string> NulBytes => new()
    {
        { "inside a plain value", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\0b\n" },
        { "at the end of a value", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\0\n" },
        { "at the end of the stream", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n\0" },
        { "a document of its own", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n\0\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n" },
        { "inside a quoted value", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: \"x\0y\"\n" },
    };

    [Theory]
    [MemberData(nameof(NulBytes))]
    public void A_NUL_byte_is_refused_and_named(string name, string text)
    {
        _ = name;
        var r = RunIn(Mode.Render, text);
        NoStackTrace(r);
        Assert.True(r.Exit == 1, $"exit {r.Exit}, expected 1; stdout has {r.Stdout.Count(c => c == '\0')} NUL byte(s)\nstderr:\n{r.Stderr}");
        Assert.Matches("(?i)(NUL|\\\\0|U\\+0000|null character|control character)", r.Stderr);
    }

    [Fact]
    public void A_NUL_byte_in_a_ResourceList_is_refused()
    {
        var r = RunIn(Mode.ResourceList, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\0\n");
        NoStackTrace(r);
        Assert.Equal(1, r.Exit);
        Assert.DoesNotContain("\0", r.Stdout, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- not KRM objects

    public static TheoryData<Mode, string, string> NotObjects => new()
    {
        { Mode.Render, "- a\n- b\n", "is not an object" },
        { Mode.Render, "just a scalar\n", "is not an object" },
        { Mode.Render, Good + "\n---\n42\n", "document 1 (line" },
        { Mode.ResourceList, "- a\n- b", "is not an object" },
        { Mode.ResourceList, "hello", "item 0 (line 4) is not an object" },
        { Mode.Render, "apiVersion: v1\nmetadata:\n  name: a\n", "has no kind" },
        { Mode.ResourceList, "apiVersion: v1\nmetadata:\n  name: a", "has no kind" },
        { Mode.Render, "kind: ConfigMap\nmetadata:\n  name: a\n", "has no apiVersion" },
        { Mode.Render, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: a\n", "has no metadata.name" },
        { Mode.ResourceList, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}", "has no metadata.name" },
        { Mode.Render, "apiVersion: v1\nkind: ConfigMap\n", "has no metadata" },
        { Mode.Render, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 7\n", "has no metadata.name" },
        { Mode.RawStdin, "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n  a: 1\n", "items is not a list" },
        { Mode.RawStdin, "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig: just-a-string\n", "functionConfig is not an object" },
        { Mode.RawStdin, "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig: [a, b]\n", "functionConfig is not an object" },
        { Mode.RawStdin, CliSupport.GoDeployment(), "stdin is not a ResourceList" },
        { Mode.RawStdin, "- 1\n- 2\n", "stdin is not a ResourceList" },
        { Mode.RawStdin, "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n---\napiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n", "expected one ResourceList document" },
        { Mode.RawStdin, "apiVersion: example.com/v1\nkind: ResourceList\nitems: []\n", "apiVersion \"example.com/v1\"" },
    };

    [Theory]
    [MemberData(nameof(NotObjects))]
    public void Input_that_is_not_a_KRM_object_is_refused(Mode mode, string text, string expected)
    {
        Refused(RunIn(mode, text), mode, expected);
    }

    [Fact]
    public void A_bad_item_among_good_ones_names_its_position_and_the_good_ones_come_back_untouched()
    {
        var stdin = Krm.ResourceList(Good + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}");
        var r = Run(stdin);
        Refused(r, Mode.ResourceList, "item 1", "has no metadata.name");
        Assert.Equal(ItemsText(Krm.ResourceList(Good)), ItemsText(r.Stdout));
    }

    // ---------------------------------------------------------------- function config

    public static TheoryData<Mode, string, string[]> BadConfigs => new()
    {
        { Mode.ResourceList, "apiVersion: example.com/v1\nkind: Frobnicator\nmetadata:\n  name: f", ["example.com/v1/Frobnicator", "is not accepted"] },
        { Mode.ResourceList, "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  bogus: 1", ["spec.bogus", "unknown field"] },
        { Mode.ResourceList, "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  inject:\n  - language: go\n    selector:\n      colour: red", ["spec.inject[0].selector.colour", "unknown field"] },
        { Mode.ResourceList, "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec: {}\nextra: 1", ["extra", "unknown field"] },
        { Mode.ResourceList, "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  failOn: sometimes", ["spec.failOn", "\"sometimes\""] },
        { Mode.ResourceList, "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  enableGoInstrumentation: \"yes\"", ["spec.enableGoInstrumentation", "true or false"] },
        { Mode.ResourceList, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: function-input\ndata:\n  colour: red", ["data.colour", "unknown field"] },
        { Mode.Render, "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  bogus: 1", ["spec.bogus", "unknown field"] },
        { Mode.Render, "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  inject:\n  - language: cobol", ["spec.inject[0].language", "\"cobol\""] },
        { Mode.ResourceList, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: function-input\ndata:\n  inject: \"- language: go\\n  x: [1\"", ["data.inject", "not YAML"] },
        // the text YamlDotNet's scanner fails on with an InvalidOperationException (see Malformed)
        { Mode.ResourceList, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: function-input\ndata:\n  inject: \"- language: go\\n  x: [1, 2\\n  y: 3\"", ["data.inject", "not YAML"] },
        { Mode.ResourceList, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: function-input\ndata: [a, b]", ["data", "ConfigMap/function-input: data: "] },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void A_bad_function_config_is_refused_naming_the_field(Mode mode, string config, string[] expected)
    {
        Refused(RunIn(mode, Good, config), mode, expected);
    }

    [Fact]
    public void A_bad_config_file_in_legacy_mode_is_refused()
    {
        using var dir = Krm.Files(("config.yaml", "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  bogus: 1\n"));
        var r = Run(Good + "\n", dir["config.yaml"]);
        Refused(r, Mode.Render, "spec.bogus", "unknown field");
    }

    // ---------------------------------------------------------------- annotations and Instrumentations

    [Theory]
    [InlineData(Mode.Render)]
    [InlineData(Mode.ResourceList)]
    public void An_inject_annotation_naming_a_missing_Instrumentation_names_both(Mode mode)
    {
        var r = RunIn(mode, Instr + "\n---\n" + GoDeployment(injectValue: "missing-one"), GoEnabled);
        Refused(r, mode, "\"missing-one\"", "instrumentation.opentelemetry.io/inject-go", "Deployment/demo/voting");
    }

    [Theory]
    [InlineData(Mode.Render, "\"other-ns/missing-one\"")]
    [InlineData(Mode.ResourceList, "\"other-ns/missing-one\"")]
    public void An_inject_annotation_naming_a_missing_Instrumentation_in_another_namespace_names_both(Mode mode, string value)
    {
        var r = RunIn(mode, Instr + "\n---\n" + GoDeployment(injectValue: value), GoEnabled);
        Refused(r, mode, "missing-one", "instrumentation.opentelemetry.io/inject-go");
    }

    [Theory]
    [InlineData(Mode.Render)]
    [InlineData(Mode.ResourceList)]
    public void An_unknown_language_annotation_is_refused(Mode mode)
    {
        var deployment = GoDeployment().Replace("inject-go:", "inject-rust:", StringComparison.Ordinal);
        var r = RunIn(mode, Instr + "\n---\n" + deployment, GoEnabled);
        Refused(r, mode, "unknown language \"rust\"", "instrumentation.opentelemetry.io/inject-rust");
    }

    [Theory]
    [InlineData(Mode.Render)]
    [InlineData(Mode.ResourceList)]
    public void An_Instrumentation_whose_env_is_a_map_is_refused_naming_spec_env(Mode mode)
    {
        var instrumentation = Instr + "\n  env:\n    OTEL_LOG_LEVEL: debug";
        var r = RunIn(mode, instrumentation + "\n---\n" + GoDeployment(), GoEnabled);
        Refused(r, mode, "spec.env", "must be a list");
    }

    [Theory]
    [InlineData(Mode.Render, "spec.go.env")]
    [InlineData(Mode.ResourceList, "spec.go.env")]
    public void An_Instrumentation_whose_language_env_is_a_map_is_refused_naming_it(Mode mode, string field)
    {
        var instrumentation = Instr + "\n  go:\n    env:\n      OTEL_LOG_LEVEL: debug";
        var r = RunIn(mode, instrumentation + "\n---\n" + GoDeployment(), GoEnabled);
        Refused(r, mode, field);
    }

    [Theory]
    [InlineData(Mode.Render)]
    [InlineData(Mode.ResourceList)]
    public void An_Instrumentation_whose_spec_is_not_an_object_is_refused_naming_spec(Mode mode)
    {
        var r = RunIn(mode, "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: i\n  namespace: demo\nspec: just-a-string\n---\n" + GoDeployment(), GoEnabled);
        Refused(r, mode, "must be an object", "Instrumentation/demo/i: spec: ");
        if (mode == Mode.ResourceList)
            Assert.Contains(Results(r), x => Str(x!["field"]?["path"]) == "spec");
    }

    public static TheoryData<Mode, string> BadContainers => new()
    {
        { Mode.Render, "containers: [1, 2]" },
        { Mode.ResourceList, "containers: [1, 2]" },
        { Mode.Render, "containers: [just-a-string]" },
        { Mode.Render, "containers: {app: {image: x}}" },
        { Mode.Render, "containers: 3" },
    };

    [Theory]
    [MemberData(nameof(BadContainers))]
    public void A_pod_template_asking_for_injection_whose_containers_are_not_a_list_of_objects_is_refused(Mode mode, string containers)
    {
        var deployment = GoDeployment();
        deployment = deployment[..deployment.IndexOf("      containers:", StringComparison.Ordinal)] + "      " + containers;
        var r = RunIn(mode, Instr + "\n---\n" + deployment, GoEnabled);
        Refused(r, mode, "spec.template.spec.containers");
    }

    // ---------------------------------------------------------------- limits

    private static string AliasBomb(int levels, string indent)
    {
        var sb = new StringBuilder();
        sb.Append($"apiVersion: v1\n{indent}kind: ConfigMap\n{indent}metadata:\n{indent}  name: lol\n{indent}data:\n{indent}  a0: &a0 \"lol\"\n");
        for (var i = 1; i <= levels; i++)
            sb.Append($"{indent}  a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        return sb.ToString();
    }

    [Theory]
    [InlineData(Mode.Render, 9)]
    [InlineData(Mode.Render, 10)]
    [InlineData(Mode.RawStdin, 9)]
    [InlineData(Mode.RawStdin, 10)]
    public void An_alias_bomb_is_refused_quickly(Mode mode, int levels)
    {
        var text = mode == Mode.Render ? AliasBomb(levels, "") : "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- " + AliasBomb(levels, "  ");
        var watch = Stopwatch.StartNew();
        var r = RunIn(mode, text);
        watch.Stop();
        output.WriteLine($"alias bomb, {levels} levels, {mode}: {watch.ElapsedMilliseconds} ms");
        Refused(r, mode, "alias");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}"); // a hang guard: speed is the bench's business
    }

    [Fact]
    public void An_alias_bomb_in_the_function_config_is_refused_quickly()
    {
        var bomb = AliasBomb(9, "");
        var watch = Stopwatch.StartNew();
        var r = RunIn(Mode.ResourceList, Good, bomb.TrimEnd('\n'));
        watch.Stop();
        Refused(r, Mode.ResourceList, "alias");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}"); // a hang guard: speed is the bench's business
    }

    public static TheoryData<Mode, string> DeepNesting => new()
    {
        { Mode.Render, "flow" },
        { Mode.Render, "block" },
        { Mode.Render, "sequence" },
        { Mode.ResourceList, "flow" },
        { Mode.ResourceList, "block" },
    };

    [Theory]
    [MemberData(nameof(DeepNesting))]
    public void Nesting_1000_levels_deep_is_refused(Mode mode, string style)
    {
        const int n = 1000;
        var head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n";
        var body = style switch
        {
            "flow" => "data:\n  x: " + new string('[', n) + new string(']', n) + "\n",
            "sequence" => "data:\n" + string.Concat(Enumerable.Range(0, n).Select(i => new string(' ', 2 * i + 2) + "-\n")) + new string(' ', 2 * n + 2) + "x\n",
            _ => "spec:\n" + string.Concat(Enumerable.Range(0, n).Select(i => new string(' ', 2 * i + 2) + $"k{i}:\n")) + new string(' ', 2 * n + 2) + "v\n",
        };
        var watch = Stopwatch.StartNew();
        var r = RunIn(mode, head + body);
        Refused(r, mode, "nesting deeper than");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}"); // a hang guard: speed is the bench's business
    }

    [Fact]
    public void A_50_MB_stream_is_rendered_whole_in_bounded_time()
    {
        const int count = 50_000;
        var blob = new string('x', 900);
        var sb = new StringBuilder(52 * 1024 * 1024);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                sb.Append("---\n");
            sb.Append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-").Append(i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture))
                .Append("\n  namespace: demo\n  labels:\n    app: big\ndata:\n  key: \"value-").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append("\"\n  blob: ").Append(blob).Append('\n');
        }
        var input = sb.ToString();
        Assert.True(input.Length >= 50_000_000, $"input is {input.Length} chars");

        var watch = Stopwatch.StartNew();
        var r = Run(input, "render", "-");
        watch.Stop();
        output.WriteLine($"50 MB render: {input.Length:N0} chars, {count:N0} ConfigMaps, exit {r.Exit}, {watch.Elapsed.TotalSeconds:F2} s, {r.Stdout.Length:N0} chars out");

        NoStackTrace(r);
        if (r.Exit == 0)
        {
            Assert.Equal(input, r.Stdout); // untouched objects pass through byte for byte, every one of them
        }
        else
        {
            Assert.Equal(1, r.Exit);
            Assert.Contains("limit", r.Stderr, StringComparison.Ordinal);
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(300), $"took {watch.Elapsed}"); // a hang guard: speed is the bench's business
    }
}

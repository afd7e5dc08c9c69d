using System.Diagnostics;
using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Properties;

/// <summary>
/// Counterexamples the properties found, shrunk to minimal inputs and kept as fixed cases. Each names the property
/// that found it, the input, what was expected and what krm-otel did before the fix ("was").
/// </summary>
public class Regressions
{
    private const string Instrumentation = "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: otel\n  namespace: shop\n---\n";

    private static JsonObject Workload(string stream) => (JsonObject)Harness.Parse(stream)[0]!;

    // render, take the inject annotation out of the rendered pod template (at templatePath), render again
    private static JsonObject OptOut(string workload, params string[] templatePath)
    {
        var rendered = Workload(Harness.Render(Instrumentation + workload, "render", replay: false));
        var meta = (JsonObject)templatePath.Aggregate((JsonNode)rendered, (n, k) => n[k]!);
        meta["annotations"]!.AsObject().Remove("instrumentation.opentelemetry.io/inject-java");
        return Workload(Harness.Render(Instrumentation + YamlWriter.Write(rendered), "render after opting out", replay: false));
    }

    private static JsonObject Expected(string workload, params string[] templatePath)
    {
        var original = Workload(workload);
        ((JsonObject)templatePath.Aggregate((JsonNode)original, (n, k) => n[k]!))["annotations"]!.AsObject().Remove("instrumentation.opentelemetry.io/inject-java");
        return original;
    }

    /// <summary>
    /// Identity (YAML layer): an anchored value inside a flow mapping, followed by another entry, is refused as
    /// "While parsing a flow mapping, did not find expected ',' or '}'". PyYAML and go-yaml read it. YamlDotNet
    /// 18.1.0 (its issue #949 fixed only the anchored value right before the closing brace); fixed by
    /// <see cref="KrmOtel.Yaml.FlowAnchorScanner"/>. The alias must resolve too.
    /// </summary>
    [Fact]
    public void An_anchored_value_in_a_flow_mapping_is_valid_YAML()
    {
        const string input = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata: {a: &x one, b: two, c: *x}\nx: [{k: &y \"v\", l: 2}, *y]\n";
        var r = Krm.Run(input, "render", "-");
        Assert.True(r.Exit == 0, r.Stderr); // was: exit 1, "not valid YAML: line 5: While parsing a flow mapping, did not find expected ',' or '}'."
        Assert.Equal(input, r.Stdout);
        Assert.Equal("""{"a":"one","b":"two","c":"one"}""", Harness.Parse(input)[0]!["data"]!.ToJsonString());
        Assert.Equal("""[{"k":"v","l":2},"v"]""", Harness.Parse(input)[0]!["x"]!.ToJsonString());
    }

    /// <summary>
    /// Reversible: a pod-spec list written as null (`volumes:` with no value, as Helm templates often leave it)
    /// is replaced by the list krm-otel creates, and opting out removes the key instead of restoring the null.
    /// </summary>
    [Fact]
    public void Opting_out_keeps_a_null_volumes_field()
    {
        const string workload = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  template:\n    metadata:\n      annotations:\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n    spec:\n      containers:\n      - name: app\n      volumes:\n";
        // expected: spec.template.spec.volumes: null; was: the volumes key is gone
        Harness.SameTree(Expected(workload, "spec", "template", "metadata"), OptOut(workload, "spec", "template", "metadata"), "opted out", replay: false);
    }

    /// <summary>
    /// Reversible, in place: `initContainers:` written as null, before `containers`, comes back as null at its place
    /// after opting out (the record's "null" list), not removed and not moved.
    /// </summary>
    [Fact]
    public void Opting_out_gives_back_a_null_initContainers_at_its_place()
    {
        const string workload = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  template:\n    metadata:\n      annotations:\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n    spec:\n      initContainers: ~\n      containers:\n      - name: app\n        env:\n";
        var expected = Expected(workload, "spec", "template", "metadata");
        var actual = OptOut(workload, "spec", "template", "metadata");
        Harness.SameTree(expected, actual, "opted out", replay: false);
        // was: no initContainers key (the Stripper removed the list it had created)
        Assert.Equal(["initContainers", "containers"], actual.At("spec", "template", "spec")!.AsObject().Select(p => p.Key));
    }

    /// <summary>Update in place: the same null list makes a re-render with another Instrumentation differ from a fresh render (the list moves to the end).</summary>
    [Fact]
    public void A_null_env_list_is_updated_in_place()
    {
        const string workload = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  template:\n    metadata:\n      annotations:\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n    spec:\n      containers:\n      - name: app\n        env:\n        image: app:1\n";
        var b = Instrumentation.Replace("namespace: shop\n", "namespace: shop\nspec:\n  java:\n    image: java:v2\n", StringComparison.Ordinal);
        var updated = Harness.Render(b + Harness.Render(Instrumentation + workload, "render with A", replay: false), "re-render with B", replay: false);
        var fresh = Harness.Render(b + workload, "fresh render with B", replay: false);
        Harness.SameText(fresh, updated, "re-render with B", replay: false); // was: env after image in the re-render, before it in the fresh one
    }

    /// <summary>
    /// Reversible: an env entry with a name and no value (`- name: JAVA_TOOL_OPTIONS`) that the agent extends comes
    /// back as `value: ""` after opting out. The record keeps the original value as a string ("" for absent), and
    /// Stripper writes it back with a replace of /value.
    /// </summary>
    [Fact]
    public void Opting_out_restores_an_env_entry_without_a_value()
    {
        const string workload = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  template:\n    metadata:\n      annotations:\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n    spec:\n      containers:\n      - name: app\n        env:\n        - name: JAVA_TOOL_OPTIONS\n";
        // expected: env: [{name: JAVA_TOOL_OPTIONS}]; was: env: [{name: JAVA_TOOL_OPTIONS, value: ""}]
        Harness.SameTree(Expected(workload, "spec", "template", "metadata"), OptOut(workload, "spec", "template", "metadata"), "opted out", replay: false);
    }

    /// <summary>
    /// Reversible: a workload whose metadata has `annotations: {}` loses the key after opting out: Stripper removes
    /// metadata.annotations whenever the record is its only entry, whether or not krm-otel created the map.
    /// </summary>
    [Fact]
    public void Opting_out_keeps_an_empty_annotations_map()
    {
        const string workload = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: shop\n  annotations: {}\nspec:\n  template:\n    metadata:\n      annotations:\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n    spec:\n      containers:\n      - name: app\n";
        // expected: metadata.annotations: {}; was: no metadata.annotations
        Harness.SameTree(Expected(workload, "spec", "template", "metadata"), OptOut(workload, "spec", "template", "metadata"), "opted out", replay: false);
    }

    /// <summary>
    /// Reversible: a bare Pod whose only annotation is the inject one, opted out by removing it: its annotations
    /// map (now holding only krm-otel's record) is removed, where the user left `annotations: {}`.
    /// </summary>
    [Fact]
    public void Opting_out_a_Pod_keeps_its_annotations_map()
    {
        const string workload = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: shop\n  annotations:\n    instrumentation.opentelemetry.io/inject-java: \"true\"\nspec:\n  containers:\n  - name: app\n";
        // expected: metadata.annotations: {}; was: no metadata.annotations
        Harness.SameTree(Expected(workload, "metadata"), OptOut(workload, "metadata"), "opted out", replay: false);
    }

    /// <summary>
    /// Idempotent: a container that already sets OTEL_RESOURCE_ATTRIBUTES_POD_NAME gets a second one (the operator
    /// appends it unconditionally, spec §6.1 step 4) that the record cannot tell from the user's (AddedEnv holds
    /// names that were not there before), so every re-render adds one more, and opting out leaves one behind.
    /// </summary>
    [Fact]
    public void A_user_OTEL_RESOURCE_ATTRIBUTES_POD_NAME_renders_to_itself()
    {
        const string workload = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  template:\n    metadata:\n      annotations:\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n    spec:\n      containers:\n      - name: app\n        env:\n        - name: OTEL_RESOURCE_ATTRIBUTES_POD_NAME\n          valueFrom:\n            fieldRef:\n              fieldPath: metadata.name\n";
        var first = Harness.Render(Instrumentation + workload, "first render", replay: false);
        var second = Harness.Render(Instrumentation + first, "second render", replay: false);
        Harness.SameText(first, second, "second render", replay: false); // was: a third OTEL_RESOURCE_ATTRIBUTES_POD_NAME entry
        Harness.SameTree(Expected(workload, "spec", "template", "metadata"), OptOut(workload, "spec", "template", "metadata"), "opted out", replay: false);
    }

    /// <summary>
    /// Reversible (found by hand next to the properties): a user mount that happens to carry the name of the agent
    /// volume is removed with krm-otel's own mount of that name (Stripper removes mounts by name).
    /// </summary>
    [Fact]
    public void Opting_out_keeps_a_user_mount_named_like_the_agent_volume()
    {
        const string workload = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  template:\n    metadata:\n      annotations:\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n    spec:\n      containers:\n      - name: app\n        volumeMounts:\n        - name: opentelemetry-auto-instrumentation-java\n          mountPath: /mine\n      volumes:\n      - name: opentelemetry-auto-instrumentation-java\n        emptyDir: {}\n";
        // expected: the user's mount at /mine; was: volumeMounts: []
        Harness.SameTree(Expected(workload, "spec", "template", "metadata"), OptOut(workload, "spec", "template", "metadata"), "opted out", replay: false);
    }

    /// <summary>
    /// Nothing lost (cross-check with libyaml): a re-written string whose first line starts with a tab is written as
    /// a block scalar (`|-` then a line "    \tfirst") that libyaml, and so go-yaml (kubectl, kustomize, kpt), refuses:
    /// "found a tab character where an indentation space is expected". YamlWriter.WriteBlockString adds the
    /// indentation indicator for a leading space only; a leading tab needs it too (or quoting).
    /// </summary>
    [Fact]
    public void A_string_starting_with_a_tab_is_written_so_libyaml_reads_it()
    {
        const string input = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"cm\"}, \"data\": {\"a\": \"\\tfirst\\nsecond\", \"b\": \"\\n\\tafter a blank line\"}}\n";
        var r = Krm.Run(input, "render", "-");
        Assert.True(r.Exit == 0, r.Stderr);
        Harness.SameTree(Harness.Parse(input)[0], Harness.Parse(r.Stdout)[0], "our reader", replay: false);
        using var dir = Krm.Files(("out.yaml", r.Stdout));
        var psi = new ProcessStartInfo("python3", ["-c", "import sys, yaml; print(yaml.load(open(sys.argv[1]), Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))['data'])", dir["out.yaml"]])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        // was: yaml.scanner.ScannerError: found a tab character where an indentation space is expected
        Assert.True(p.ExitCode == 0, $"libyaml cannot read the output:\n{r.Stdout}\n{stderr}");
        Assert.Equal("{'a': '\\tfirst\\nsecond', 'b': '\\n\\tafter a blank line'}\n", stdout);
    }

    /// <summary>
    /// Nothing lost on the kpt path (the ResourceList identity property with comments kept): comment lines above an
    /// item's first key (`- # Source: chart/templates/cm.yaml`) are dropped, because an item's source is captured
    /// from its first key; kpt writes the function's output back to the user's files.
    /// </summary>
    [Fact]
    public void A_ResourceList_item_keeps_the_comment_above_its_first_key()
    {
        const string input = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- # Source: chart/templates/cm.yaml\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm\n";
        var r = Krm.Run(input);
        Assert.True(r.Exit == 0, r.Stderr);
        Harness.SameText(input, r.Stdout, "ResourceList", replay: false); // was: "- apiVersion: v1", the comment gone
    }

    /// <summary>
    /// Nothing lost on the kpt path, for an item krm-otel changes: the comment between the item's dash and its first
    /// key is written again there when the item is re-written.
    /// </summary>
    [Fact]
    public void A_changed_ResourceList_item_keeps_the_comment_above_its_first_key()
    {
        const string input = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- # Source: chart/templates/deployment.yaml\n  # second line\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: app\n    namespace: shop\n  spec:\n    template:\n      metadata:\n        annotations:\n          instrumentation.opentelemetry.io/inject-java: \"true\"\n      spec:\n        containers:\n        - name: app\n- apiVersion: opentelemetry.io/v1alpha1\n  kind: Instrumentation\n  metadata:\n    name: otel\n    namespace: shop\n";
        var r = Krm.Run(input);
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Contains("items:\n- # Source: chart/templates/deployment.yaml\n  # second line\n  apiVersion: apps/v1\n  kind: Deployment\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("opentelemetry-auto-instrumentation-java", r.Stdout, StringComparison.Ordinal);
    }
}

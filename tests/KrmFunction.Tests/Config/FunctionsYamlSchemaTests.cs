using System.Text.Json.Nodes;
using Json.Schema;
using KrmOtel.Config;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Config;

/// <summary>The schema users see in functions.yaml and the binary's config loader accept and refuse the same configs.</summary>
public class FunctionsYamlSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var path = Path.Combine(RepoRoot(), "functions.yaml");
        var definition = YamlReader.ReadStream(File.ReadAllText(path))[0].Root!;
        var schema = definition["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;
        return JsonSchema.FromText(schema.ToJsonString());
    });

    public static TheoryData<string, bool> Configs => new()
    {
        { "spec: {}", true },
        { "", true },
        { "spec: {keepCustomResources: true, failOn: warning, imageRegistry: 'reg.example.com:5000/mirror', podSecurity: baseline, enableGoInstrumentation: false}", true },
        { "spec: {imageRegistry: ''}", true },
        { "spec: {inject: []}", true },
        { "spec: {inject: [{language: go, instrumentation: ns/name, containerNames: [a], goTargetExe: /app/app, selector: {kinds: [Deployment], namespaces: [a], names: [b], labelSelector: {matchLabels: {a: b}, matchExpressions: [{key: k, operator: Exists}]}}}]}", true },
        { "spec: {inject: [{language: sdk, instrumentation: name}]}", true },
        { "spec: {bogus: 1}", false },
        { "bogus: 1", false },
        { "spec: {failOn: fatal}", false },
        { "spec: {failOn: 1}", false },
        { "spec: {keepCustomResources: 'true'}", false },
        { "spec: {enableGoInstrumentation: null}", false },
        { "spec: {imageRegistry: 'https://x'}", false },
        { "spec: {imageRegistry: 'reg/'}", false },
        { "spec: {podSecurity: strict}", false },
        { "spec: {inject: {language: go}}", false },
        { "spec: {inject: [go]}", false },
        { "spec: {inject: [{}]}", false },
        { "spec: {inject: [{language: rust}]}", false },
        { "spec: {inject: [{language: java, goTargetExe: /a}]}", false },
        { "spec: {inject: [{language: go, goTargetExe: relative}]}", false },
        { "spec: {inject: [{language: go, instrumentation: 'Bad/Name'}]}", false },
        { "spec: {inject: [{language: go, instrumentation: 'a/b/c'}]}", false },
        { "spec: {inject: [{language: go, containerNames: app}]}", false },
        { "spec: {inject: [{language: go, containerNames: [1]}]}", false },
        { "spec: {inject: [{language: go, selector: {kind: x}}]}", false },
        { "spec: {inject: [{language: go, selector: {labelSelector: {matchLabels: {a: 1}}}}]}", false },
        { "spec: {inject: [{language: go, selector: {labelSelector: {matchExpressions: [{key: k, operator: Has}]}}}]}", false },
        { "spec: {inject: [{language: go, selector: {labelSelector: {matchExpressions: [{operator: In}]}}}]}", false },
        { "spec: null", false },
        { "metadata: []", false },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void Binary_and_schema_agree(string body, bool valid)
    {
        var yaml = "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\n" + (body.StartsWith("metadata", StringComparison.Ordinal) ? "" : "metadata: {name: otel}\n") + body + "\n";
        var node = (JsonObject)YamlReader.ReadStream(yaml)[0].Root!;
        var binary = ConfigLoader.Load(node).Findings.Count == 0;
        var schema = Schema.Value.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;
        Assert.Equal(valid, binary);
        Assert.Equal(valid, schema);
    }

    [Fact]
    public void The_schema_lists_every_field_the_binary_knows()
    {
        var path = Path.Combine(RepoRoot(), "functions.yaml");
        var spec = YamlReader.ReadStream(File.ReadAllText(path))[0].Root!["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!;
        Assert.Equal(ConfigSchema.Spec.Fields!.Select(f => f.Name), spec["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(ConfigSchema.Inject.Fields!.Select(f => f.Name), spec["properties"]!["inject"]!["items"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KrmOtel.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("KrmOtel.sln not found above " + AppContext.BaseDirectory);
    }
}

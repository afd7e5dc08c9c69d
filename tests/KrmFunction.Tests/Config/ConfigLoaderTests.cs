using System.Text.Json.Nodes;
using KrmOtel.Config;
using KrmOtel.Model;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Config;

public class ConfigLoaderTests
{
    private static LoadedConfig Load(string yaml) => ConfigLoader.Load((JsonObject?)YamlReader.ReadStream(yaml).SingleOrDefault()?.Root);

    [Fact]
    public void No_config_means_the_defaults()
    {
        var loaded = ConfigLoader.Load(null);
        Assert.Empty(loaded.Findings);
        Assert.Equal(KrmOtelConfig.Default, loaded.Config);
        Assert.False(loaded.Config.EnableGoInstrumentation);
        Assert.Equal(Severity.Error, loaded.Config.FailOn);
    }

    [Fact]
    public void A_full_KrmOtel_config_deserialises()
    {
        var loaded = Load("""
            apiVersion: fn.krm-otel.dev/v1alpha1
            kind: KrmOtel
            metadata: {name: otel}
            spec:
              keepCustomResources: true
              failOn: warning
              imageRegistry: ghcr.m.daocloud.io
              podSecurity: restricted
              enableGoInstrumentation: true
              inject:
              - language: go
                instrumentation: insight-system/insight
                containerNames: [app]
                goTargetExe: /app/app
                selector:
                  kinds: [Deployment]
                  namespaces: [shop]
                  names: [a, b]
                  labelSelector: {matchLabels: {tier: backend}, matchExpressions: [{key: env, operator: In, values: [prod]}]}
            """);
        Assert.Empty(loaded.Findings);
        var c = loaded.Config;
        Assert.True(c.KeepCustomResources);
        Assert.Equal(Severity.Warning, c.FailOn);
        Assert.Equal("ghcr.m.daocloud.io", c.ImageRegistry);
        Assert.Equal(PodSecurityLevel.Restricted, c.PodSecurity);
        var rule = Assert.Single(c.Inject);
        Assert.Equal(("go", "insight-system/insight", "/app/app"), (rule.Language, rule.Instrumentation, rule.GoTargetExe));
        Assert.Equal(["a", "b"], rule.Selector.Names);
        Assert.Equal("backend", rule.Selector.Labels!.MatchLabels["tier"]);
        Assert.Equal("In", rule.Selector.Labels.MatchExpressions[0].Operator);
    }

    [Fact]
    public void A_ConfigMap_carries_the_same_keys_as_strings()
    {
        var loaded = Load("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: function-input}
            data:
              enableGoInstrumentation: "true"
              failOn: warning
              inject: |
                - language: go
                  goTargetExe: /app/app
            """);
        Assert.Empty(loaded.Findings);
        Assert.True(loaded.Config.EnableGoInstrumentation);
        Assert.Equal("/app/app", loaded.Config.Inject[0].GoTargetExe);
    }

    [Theory]
    [InlineData("spec: {bogus: 1}", "spec.bogus", "unknown field")]
    [InlineData("spec: {failOn: fatal}", "spec.failOn", "not one of error, warning")]
    [InlineData("spec: {enableGoInstrumentation: 'yes'}", "spec.enableGoInstrumentation", "must be true or false")]
    [InlineData("spec: {inject: {language: go}}", "spec.inject", "must be a list")]
    [InlineData("spec: {inject: [{language: rust}]}", "spec.inject[0].language", "not one of")]
    [InlineData("spec: {inject: [{instrumentation: x}]}", "spec.inject[0].language", "required")]
    [InlineData("spec: {inject: [{language: java, goTargetExe: /a}]}", "spec.inject[0].goTargetExe", "only applies to language go")]
    [InlineData("spec: {inject: [{language: go, goTargetExe: app}]}", "spec.inject[0].goTargetExe", "does not match")]
    [InlineData("spec: {inject: [{language: go, selector: {kind: [Deployment]}}]}", "spec.inject[0].selector.kind", "unknown field")]
    [InlineData("spec: {podSecurity: strict}", "spec.podSecurity", "not one of")]
    [InlineData("spec: {imageRegistry: 'https://x'}", "spec.imageRegistry", "does not match")]
    [InlineData("spec: null", "spec", "not null")]
    [InlineData("data: {}", "data", "unknown field")]
    public void Bad_KrmOtel_configs_are_errors_that_name_the_field(string body, string field, string message)
    {
        var loaded = Load("apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata: {name: otel}\n" + body + "\n");
        var finding = Assert.Single(loaded.Findings);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(field, finding.Field);
        Assert.Contains(message, finding.Message);
    }

    [Fact]
    public void An_unknown_config_kind_is_an_error()
    {
        var f = Assert.Single(Load("apiVersion: example.com/v1\nkind: Other\nmetadata: {name: x}\n").Findings);
        Assert.Contains("is not accepted", f.Message);
        Assert.Equal("kind", f.Field);
    }

    [Fact]
    public void An_unserved_version_is_an_error() =>
        Assert.Contains("not served", Assert.Single(Load("apiVersion: fn.krm-otel.dev/v9\nkind: KrmOtel\nmetadata: {name: x}\n").Findings).Message);

    [Theory]
    [InlineData("data: {bogus: x}", "data.bogus")]
    [InlineData("data: {enableGoInstrumentation: maybe}", "data.enableGoInstrumentation")]
    [InlineData("data: {inject: '[unclosed'}", "data.inject")]
    public void Bad_ConfigMap_configs_name_the_key(string body, string field)
    {
        var f = Assert.Single(Load("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: function-input}\n" + body + "\n").Findings);
        Assert.Equal(field, f.Field);
    }

    [Fact]
    public void An_operator_resource_as_config_becomes_an_item()
    {
        var loaded = Load("apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata: {name: i, namespace: n}\nspec: {}\n");
        Assert.Empty(loaded.Findings);
        Assert.Equal("Instrumentation", loaded.GeneratorItem!.Kind);
    }
}

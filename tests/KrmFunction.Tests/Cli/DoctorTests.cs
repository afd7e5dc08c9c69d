using KrmOtel.Cli;
using KrmOtel.Model;
using KrmOtel.Tests.Support;
using static KrmOtel.Tests.Cli.CliSupport;

namespace KrmOtel.Tests.Cli;

/// <summary><c>krm-otel doctor PATH... [--config FILE]</c>: the render's findings as a table, no objects written.</summary>
public class DoctorTests
{
    private static string[] Lines(RunResult r) => r.Stdout.TrimEnd('\n').Split('\n');

    [Fact]
    public void A_clean_package_has_no_findings_and_exits_0()
    {
        using var dir = Krm.Files(("cm.yaml", ConfigMap));
        var r = Run("", "doctor", dir.Path);
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Equal("no findings\n", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Errors_are_rows_naming_severity_object_field_file_and_message_and_exit_1()
    {
        using var dir = Krm.Files(("app.yaml", Instr + "\n---\n" + GoDeployment(injectValue: "missing-one")), ("config.yaml", GoEnabled));
        var r = Run("", "doctor", dir["app.yaml"], "--config", dir["config.yaml"]);

        Assert.Equal(1, r.Exit);
        var lines = Lines(r);
        Assert.Matches("^SEVERITY +OBJECT +FIELD +FILE +MESSAGE$", lines[0]);
        var row = Assert.Single(lines, l => l.StartsWith("error ", StringComparison.Ordinal));
        Assert.Matches(@"^error +Deployment/demo/voting +spec\.template\.metadata\.annotations\[instrumentation\.opentelemetry\.io/inject-go\] +\S*app\.yaml#1 +.*""missing-one""", row);
        Assert.Equal("1 finding(s): error: 1", lines[^1]);
        // a table, not a render: no object is written anywhere
        Assert.DoesNotContain("apiVersion", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rendering_package_lists_its_infos_and_warnings_and_exits_0()
    {
        using var dir = Krm.Files(("app.yaml", Instr + "\n---\n" + GoDeployment() + "\n---\n" + GoDeployment("web", ownAnnotations: "instrumentation.opentelemetry.io/inject-go: \"true\"")), ("config.yaml", GoEnabled));
        var r = Run("", "doctor", dir["app.yaml"], "--config", dir["config.yaml"]);

        Assert.True(r.Exit == 0, r.Stdout + r.Stderr);
        var lines = Lines(r);
        Assert.Contains(lines, l => l.StartsWith("info ", StringComparison.Ordinal) && l.Contains("Deployment/demo/voting", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("warning ", StringComparison.Ordinal) && l.Contains("metadata.annotations[instrumentation.opentelemetry.io/inject-go]", StringComparison.Ordinal));
        Assert.Matches(@"^\d+ finding\(s\): warning: 1, info: \d+$", lines[^1]);
        Assert.DoesNotContain("kind: Deployment", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void FailOn_warning_makes_a_warning_exit_1()
    {
        const string strict = "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  enableGoInstrumentation: true\n  failOn: warning\n";
        using var dir = Krm.Files(("app.yaml", Instr + "\n---\n" + GoDeployment("web", ownAnnotations: "instrumentation.opentelemetry.io/inject-go: \"true\"")), ("config.yaml", strict));
        var r = Run("", "doctor", dir["app.yaml"], "--config", dir["config.yaml"]);
        Assert.Equal(1, r.Exit);
        Assert.Contains(Lines(r), l => l.StartsWith("warning ", StringComparison.Ordinal));
    }

    [Fact]
    public void Unreadable_input_is_a_row_too()
    {
        var r = Run("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n", "doctor", "-");
        Assert.Equal(1, r.Exit);
        Assert.Matches(@"\nerror +- +- +<stdin> +not valid YAML: line 5: duplicate key ""name""\n", r.Stdout);
    }

    [Theory]
    [InlineData]
    [InlineData("--bogus", ".")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var r = Run("", ["doctor", .. args]);
        Assert.Equal(2, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.Contains("usage: krm-otel doctor PATH... [--config FILE]", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_line_up_and_a_message_with_line_breaks_stays_on_its_row()
    {
        var table = DoctorCommand.Table(
        [
            new Finding(Severity.Error, "two\nlines\tand a tab", new ResourceRef("v1", "ConfigMap", "a", "ns"), "data.k", new FileRef("x.yaml", 2)),
            new Finding(Severity.Info, "short"),
        ]);
        var lines = table.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("error     ConfigMap/ns/a  data.k  x.yaml#2  two lines and a tab", lines[1]);
        Assert.Equal("info      -               -       -         short", lines[2]);
        Assert.Equal(lines[1].IndexOf("data.k", StringComparison.Ordinal), lines[0].IndexOf("FIELD", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_names_doctor()
    {
        Assert.Contains("krm-otel doctor PATH... [--config FILE]", Run("", "--help").Stdout, StringComparison.Ordinal);
    }
}

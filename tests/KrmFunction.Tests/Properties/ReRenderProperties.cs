using System.Text.Json.Nodes;
using FsCheck.Xunit;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Properties;

/// <summary>
/// Idempotent and reversible (product.md §5), property-based, for every workload kind and the languages java,
/// nodejs, python, dotnet, sdk and go: generated workloads with user env (the variables agents extend among them),
/// volumes, mounts, init containers, several containers, merged bases, shared env lists, null and empty lists,
/// next to a generated Instrumentation.
/// </summary>
public class ReRenderProperties
{
    /// <summary>render(render(x) + Instrumentation) = render(x + Instrumentation), byte for byte.</summary>
    [Property(MaxTest = 1000, Arbitrary = [typeof(PropertyArbitraries)])]
    public void Rendering_a_rendered_package_again_changes_nothing(WorkloadCase c)
    {
        var first = Harness.Render(c.Input(c.A), "first render");
        var second = Harness.Render(c.A.Text + "---\n" + first, "second render");
        Harness.SameText(first, second, "render of the rendered package");
    }

    /// <summary>
    /// Remove the inject annotation from the rendered pod template (or set it to "false"), render again: the
    /// workload is the original one, opted out the same way.
    /// </summary>
    [Property(MaxTest = 1000, Arbitrary = [typeof(PropertyArbitraries)])]
    public void Opting_out_removes_exactly_what_was_added(WorkloadCase c)
    {
        var rendered = (JsonObject)Harness.Parse(Harness.Render(c.Input(c.A), "render"))[0]!;
        var optedOut = YamlWriter.Write(c.OptedOut(rendered));
        var again = Harness.Parse(Harness.Render(c.A.Text + "---\n" + optedOut, "render after opting out"))[0];
        var original = (JsonObject)Harness.Parse(c.Workload.Text)[0]!;
        Harness.SameTree(c.OptedOut(original), again, "the opted-out workload");
    }

    /// <summary>Render with Instrumentation A, re-render that with B: the same bytes as a fresh render with B.</summary>
    [Property(MaxTest = 1000, Arbitrary = [typeof(PropertyArbitraries)])]
    public void A_changed_Instrumentation_updates_in_place(WorkloadCase c)
    {
        var withA = Harness.Render(c.Input(c.A), "render with A");
        var updated = Harness.Render(c.B.Text + "---\n" + withA, "re-render with B");
        var fresh = Harness.Render(c.Input(c.B), "fresh render with B");
        Harness.SameText(fresh, updated, "re-render with B (actual) against a fresh render with B (expected)");
    }
}

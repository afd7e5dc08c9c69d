using System.Text.Json.Nodes;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>
/// A collector CR made ready to build from, the same for every mode: read as v1beta1, validated, its config rewritten
/// by the webhook's defaulting, shaped and hashed, its ports planned, what is not rendered reported.
/// </summary>
public sealed record Prepared(CollectorCr Cr, JsonObject Config, string Hash, PortPlan Ports, Typed Typed)
{
    public static Prepared? Of(Resource item, List<Finding> findings)
    {
        if (CollectorCr.Read(item, findings) is not { } cr)
            return null;
        Validation.Check(item, cr, findings);
        void Error(string field, string message) => findings.Add(Finding.Error(message, item, field));
        ConfigDefaults.Apply(cr.Config, Error);
        var shaped = ConfigShape.Of(cr.Config);
        var ports = PortPlan.Of(cr.Spec, shaped, Error);
        Unsupported.Report(item, cr, shaped, findings);
        return new Prepared(cr, shaped, ConfigHash.Of(shaped), ports, new Typed(item, findings));
    }
}

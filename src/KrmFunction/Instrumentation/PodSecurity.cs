using System.Text.Json.Nodes;
using KrmOtel.Config;
using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>
/// The Pod Security Standard every container krm-otel adds must meet (function config <c>podSecurity</c>).
/// privileged: the operator's behaviour (the init container copies the app's security context). baseline: that copy
/// must not be privileged or add capabilities. restricted: the added containers are hardened field by field.
/// </summary>
public static class PodSecurity
{
    /// <summary>The capabilities the baseline standard lets a container add.</summary>
    public static readonly string[] BaselineCapabilities =
        ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];

    /// <summary>The security context for an added init container, or an error message when the level forbids it.</summary>
    public static (JsonObject? Context, string? Error) ForInitContainer(PodSecurityLevel level, JsonNode? resolved)
    {
        var context = resolved?.DeepClone() as JsonObject;
        switch (level)
        {
            case PodSecurityLevel.Baseline:
                if (context?["privileged"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
                    return (null, "podSecurity baseline forbids the privileged security context the init container would copy from the application container; set spec.initContainerSecurityContext in the Instrumentation");
                if (context.At("capabilities", "add") is JsonArray add && add.Any(c => !BaselineCapabilities.Contains(c.AsString())))
                    return (null, "podSecurity baseline forbids the added capabilities the init container would copy from the application container; set spec.initContainerSecurityContext in the Instrumentation");
                return (context, null);
            case PodSecurityLevel.Restricted:
                return (Restricted(context ?? []), null);
            default:
                return (context, null);
        }
    }

    // restricted: no privilege escalation, every capability dropped, non-root (the agent images run as root by
    // default, operator issue #2272, so a non-root user is named), RuntimeDefault seccomp, read-only root: the
    // init containers only copy files into their volume
    private static JsonObject Restricted(JsonObject c)
    {
        c.Remove("privileged");
        c["allowPrivilegeEscalation"] = false;
        c["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") };
        c["runAsNonRoot"] = true;
        if (c["runAsUser"]?.GetValue<long>() is null or 0)
            c["runAsUser"] = 65534;
        if (c.At("seccompProfile", "type").AsString() is not ("RuntimeDefault" or "Localhost"))
            c["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" };
        c["readOnlyRootFilesystem"] = true;
        return c;
    }
}

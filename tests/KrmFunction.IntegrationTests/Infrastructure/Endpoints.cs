using static KrmOtel.IntegrationTests.Infrastructure.Manifests;

namespace KrmOtel.IntegrationTests.Infrastructure;

/// <summary>Exporter endpoints checked against the Services of a render.</summary>
public static class Endpoints
{
    /// <summary><paramref name="endpoint"/> (<c>http://svc.ns.svc.cluster.local:port</c>) names a Service of the render that has that port.</summary>
    public static void AssertServed(Manifests rendered, string endpoint)
    {
        var uri = new Uri(endpoint);
        var host = uri.Host.Split('.');
        var service = rendered.OfKind("Service").SingleOrDefault(s => Scalar(s, "metadata", "name") == host[0] && Scalar(s, "metadata", "namespace") == host[1]);
        Assert.True(service is not null, $"{endpoint} names no Service of the render: {string.Join(", ", rendered.OfKind("Service").Select(Describe))}");
        Assert.Contains(Sequence(service, "spec", "ports"), p => Scalar(p, "port") == uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Gateway;

/// <summary>
/// <c>GET /gateway/status</c>: each node with its health as the gateway sees it. For people and scripts that wait
/// until a node has joined or left the pool (the nodes' own <c>/healthz</c> is behind the catch-all route).
/// </summary>
public static class GatewayStatus
{
    /// <summary>The path of the status endpoint.</summary>
    public const string Path = "/gateway/status";

    /// <summary>Maps <see cref="Path"/>; more specific than the proxy's catch-all, so it is answered here.</summary>
    public static WebApplication MapGatewayStatus(this WebApplication app)
    {
        app.MapGet(Path, (IProxyStateLookup state) => Results.Ok(Describe(state)));
        return app;
    }

    /// <summary>One node as the gateway sees it.</summary>
    /// <param name="Address">The node's base URL.</param>
    /// <param name="Active">The last verdict of the probes: Unknown, Healthy or Unhealthy.</param>
    /// <param name="Passive">The verdict from forwarded requests: Unknown, Healthy or Unhealthy.</param>
    /// <param name="Available">Whether new browsers (and redistributed ones) may be sent to it.</param>
    public sealed record NodeStatus(string Address, string Active, string Passive, bool Available);

    private static IReadOnlyList<NodeStatus> Describe(IProxyStateLookup state)
    {
        if (!state.TryGetCluster(ProxyConfiguration.ClusterId, out var cluster))
        {
            return [];
        }

        var available = cluster.DestinationsState.AvailableDestinations.ToHashSet();
        return
        [
            .. cluster.Destinations.Values
                .OrderBy(destination => destination.DestinationId, StringComparer.Ordinal)
                .Select(destination => new NodeStatus(
                    destination.Model.Config.Address,
                    destination.Health.Active.ToString(),
                    destination.Health.Passive.ToString(),
                    available.Contains(destination))),
        ];
    }
}

using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.SessionAffinity;

namespace Gateway;

/// <summary>The one route and the one cluster of nodes that the gateway forwards to, built from <see cref="GatewayOptions"/>.</summary>
/// <remarks>
/// Blazor Server needs sticky sessions: a tab's page load, its <c>_blazor/negotiate</c> and its WebSocket must reach
/// the node that holds its circuit. Cookie affinity does that per browser (a <c>HashCookie</c>: the destination's
/// hash, no Data Protection needed, so a restarted gateway keeps its browsers on their nodes). A node that fails
/// its probes (or its requests) leaves the pool; a browser pinned to it is then redistributed to a live node
/// (<c>Redistribute</c>) and its tab reconnects there with a new circuit and a new actor.
/// </remarks>
public static class ProxyConfiguration
{
    /// <summary>The cluster's id (also the prefix of each destination's id).</summary>
    public const string ClusterId = "nodes";

    /// <summary>The catch-all route to <see cref="ClusterId"/>.</summary>
    public static RouteConfig Route() => new()
    {
        RouteId = "all",
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = "{**catch-all}" },
        Transforms =
        [
            // The gateway is the edge: it replaces whatever X-Forwarded-* a client sent, so a node that trusts the
            // gateway (KnownProxies) sees the real client address and scheme.
            new Dictionary<string, string> { ["X-Forwarded"] = "Set" },
        ],
    };

    /// <summary>The nodes, with affinity, active and passive health checks, round-robin for new browsers.</summary>
    public static ClusterConfig Cluster(GatewayOptions options) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
        SessionAffinity = new SessionAffinityConfig
        {
            Enabled = true,
            Policy = SessionAffinityConstants.Policies.HashCookie,
            FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
            AffinityKeyName = options.AffinityCookie,
            Cookie = new SessionAffinityCookieConfig
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                SecurePolicy = CookieSecurePolicy.SameAsRequest,
                IsEssential = true,
            },
        },
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = options.HealthInterval,
                Timeout = options.HealthTimeout,
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = options.HealthPath,
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                ReactivationPeriod = options.HealthInterval * 2,
            },
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
        },
        // A node's id is its address, so the affinity hash of a browser stays valid when the list is reordered.
        Destinations = options.Nodes.ToDictionary(node => node, node => new DestinationConfig { Address = node }),
    };
}

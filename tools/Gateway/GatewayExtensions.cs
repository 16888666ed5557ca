using Microsoft.AspNetCore.DataProtection;
using Yarp.ReverseProxy.Configuration;

namespace Gateway;

/// <summary>Registrations of the gateway.</summary>
public static partial class GatewayExtensions
{
    /// <summary>YARP with the route and cluster of <see cref="ProxyConfiguration"/>, built from <paramref name="options"/>.</summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, GatewayOptions options)
    {
        // The affinity cookie is a hash (HashCookie), not a protected payload: nothing the gateway protects must
        // outlive it, so it keeps no key ring on disk.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton(options);
        services.AddReverseProxy()
            .LoadFromMemory([ProxyConfiguration.Route()], [ProxyConfiguration.Cluster(options)]);
        return services;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Gateway listening on {Urls}, forwarding to {Nodes}")]
    public static partial void Forwarding(this ILogger logger, IEnumerable<string> urls, IEnumerable<string> nodes);
}

using System.Net;
using System.Runtime.CompilerServices;
using Dashboard.Cluster;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Dashboard.Extensions;

/// <summary>
/// Scale-out on Redis (docs/SCALING.md): the node's identity, the cluster-wide overview, membership, the shared
/// Data Protection key ring and sign-in limit, forwarded headers from known proxies and the peer drill-down endpoint.
/// </summary>
/// <remarks>
/// Everything is registered in both modes and decided from <c>Redis:Configuration</c> when first used, so a host whose
/// configuration is changed after <c>Program.cs</c> ran (a test host) still gets the right mode. Without Redis nothing
/// here loads the Redis client: the cluster view is this node's overview and the sign-in limit is in memory, as before.
/// </remarks>
public static class ClusterExtensions
{
    /// <summary>The Redis key of the Data Protection key ring.</summary>
    public const string DataProtectionKey = "ActorDashboard:DataProtection-Keys";

    /// <summary>The Data Protection application name of every node, so that they share one key ring's purposes.</summary>
    public const string ApplicationName = "ActorDashboard";

    /// <summary>Registers the cluster services and their options (validated at start-up).</summary>
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.Section)
            .Validate(options => !options.Enabled || RedisConnection.Describe(options.Configuration) != "(unparsable configuration)",
                "Redis:Configuration is not a valid StackExchange.Redis configuration string (e.g. 127.0.0.1:6379).")
            .ValidateOnStart();
        services.AddOptions<ClusterOptions>()
            .BindConfiguration(ClusterOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => options.Validate().Count == 0, "Invalid Dashboard:Cluster settings: RenewInterval ≤ MembershipTtl / 3 and PublishInterval ≤ MembershipTtl / 2.")
            .ValidateOnStart();
        services.AddOptions<DataProtectionSettings>().BindConfiguration(DataProtectionSettings.Section);
        services.AddOptions<ForwardedHeadersSettings>()
            .BindConfiguration(ForwardedHeadersSettings.Section)
            .Validate(options => options.KnownProxies.All(proxy => IPAddress.TryParse(proxy, out _)),
                "Dashboard:ForwardedHeaders:KnownProxies must list IP addresses (e.g. 127.0.0.1).")
            .ValidateOnStart();

        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<NodeStatsSampler>();
        services.AddSingleton<ClusterOverview>();
        services.AddSingleton<PeerActorClient>();
        services.AddHttpClient(PeerActors.HttpClientName);

        // Redis side: resolved only when Redis:Configuration is set.
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<IClusterStore, RedisClusterStore>();
        services.AddSingleton<ClusterMembership>();
        services.AddSingleton<OverviewPublisher>();
        services.AddSingleton<ClusterSync>();
        services.AddHostedService<ClusterHost>();

        AddDataProtection(services);
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ForwardedHeadersSettings>>((forwarded, settings) =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var proxy in settings.Value.KnownProxies)
                {
                    forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            });
        return services;
    }

    /// <summary>
    /// Believes <c>X-Forwarded-For</c> / <c>-Proto</c> from <c>Dashboard:ForwardedHeaders:KnownProxies</c> (nothing when
    /// none is listed). Call first, so that the sign-in limit and the logs see the real client IP.
    /// </summary>
    public static WebApplication UseForwardedHeadersFromKnownProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>The shared Data Protection key ring: in Redis with Redis, in <c>Dashboard:DataProtection:KeyDirectory</c> when set, else the default.</summary>
    private static void AddDataProtection(IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddOptions<DataProtectionOptions>()
            .Configure<IOptions<RedisOptions>, IOptions<DataProtectionSettings>>((protection, redis, settings) =>
            {
                if (redis.Value.Enabled || settings.Value.KeyDirectory is { Length: > 0 })
                {
                    protection.ApplicationDiscriminator = ApplicationName;
                }
            });
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((keys, provider) =>
            {
                if (provider.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled)
                {
                    keys.XmlRepository = RedisKeyRing(provider);
                }
                else if (provider.GetRequiredService<IOptions<DataProtectionSettings>>().Value.KeyDirectory is { Length: > 0 } directory)
                {
                    keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(directory), provider.GetRequiredService<ILoggerFactory>());
                }
            });
    }

    /// <summary>Kept apart so that a single node never loads the Redis client's types.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ResilientXmlRepository RedisKeyRing(IServiceProvider provider)
    {
        var connection = provider.GetRequiredService<RedisConnection>();
        var inner = new Microsoft.AspNetCore.DataProtection.StackExchangeRedis.RedisXmlRepository(
            () => (connection.WaitForFirstAttempt() ?? throw new InvalidOperationException("Redis is not connected.")).GetDatabase(),
            DataProtectionKey);
        var repository = new ResilientXmlRepository(
            inner, () => connection.WaitForFirstAttempt()?.IsConnected == true, provider.GetRequiredService<ILogger<ResilientXmlRepository>>());
        connection.Restored += repository.SaveUnsavedNow;
        return repository;
    }
}

/// <summary>With Redis: opens the connection without waiting for it and runs the cluster loop. Without: does nothing.</summary>
internal sealed class ClusterHost(IOptions<RedisOptions> redis, IServiceProvider services) : IHostedService
{
    private ClusterSyncLoop? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.Value.Enabled)
        {
            return Task.CompletedTask;
        }

        _ = services.GetRequiredService<RedisConnection>().Start();
        _loop = ActivatorUtilities.CreateInstance<ClusterSyncLoop>(services);
        return _loop.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            await _loop.StopAsync(cancellationToken);
            _loop.Dispose();
        }
    }
}

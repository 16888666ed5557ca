using System.ComponentModel.DataAnnotations;

namespace Dashboard.Cluster;

/// <summary>The Redis connection, bound from <c>Redis</c>; unset means one in-memory node.</summary>
public sealed class RedisOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> (env <c>Redis__Configuration</c>).
    /// </summary>
    /// <value>Defaults to none: a single node that never loads or contacts Redis.</value>
    public string? Configuration { get; set; }

    /// <summary>Whether the node runs as part of a cluster.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}

/// <summary>Timing of membership and the cluster-wide overview, bound from <c>Dashboard:Cluster</c>.</summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Cluster";

    /// <summary>How long a node's registration (and its published rows) lives without renewal: a node that stops renewing leaves every view after it.</summary>
    /// <value>Defaults to 10 s.</value>
    [Range(typeof(TimeSpan), "00:00:02", "00:05:00")]
    public TimeSpan MembershipTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a node renews its registration. Must be at most a third of <see cref="MembershipTtl"/>, so that two lost renewals in a row do not expire it.</summary>
    /// <value>Defaults to 3 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:40")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often a node publishes its totals and changed rows and reads the member list: the cluster view lags by about this much.</summary>
    /// <value>Defaults to 1 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a drill-down waits for another node's answer.</summary>
    /// <value>Defaults to 3 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan PeerTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The cross-field rules <see cref="RangeAttribute"/> cannot express; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RenewInterval * 3 > MembershipTtl)
        {
            errors.Add($"Dashboard:Cluster:RenewInterval ({RenewInterval}) must be at most a third of Dashboard:Cluster:MembershipTtl ({MembershipTtl}).");
        }

        if (PublishInterval * 2 > MembershipTtl)
        {
            errors.Add($"Dashboard:Cluster:PublishInterval ({PublishInterval}) must be at most half of Dashboard:Cluster:MembershipTtl ({MembershipTtl}).");
        }

        return errors;
    }
}

/// <summary>Where the Data Protection key ring lives when Redis is unset, bound from <c>Dashboard:DataProtection</c>.</summary>
public sealed class DataProtectionSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:DataProtection";

    /// <summary>A directory for the key ring (file system); ignored when <c>Redis:Configuration</c> is set, since the keys then live in Redis.</summary>
    /// <value>Defaults to none: ASP.NET Core's default location.</value>
    public string? KeyDirectory { get; set; }
}

/// <summary>Which reverse proxies' <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> to believe, bound from <c>Dashboard:ForwardedHeaders</c>.</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:ForwardedHeaders";

    /// <summary>IP addresses of the proxies in front of the node (e.g. the gateway's <c>127.0.0.1</c>).</summary>
    /// <value>Defaults to none: forwarded headers are ignored and the client IP is the connection's.</value>
    public List<string> KnownProxies { get; set; } = [];
}

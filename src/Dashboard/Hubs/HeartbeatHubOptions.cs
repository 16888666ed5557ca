using System.ComponentModel.DataAnnotations;

namespace Dashboard.Hubs;

/// <summary>Limits of the <c>/hubs/heartbeat</c> SignalR hub, bound from the <c>Dashboard:Hub</c> configuration section.</summary>
public sealed class HeartbeatHubOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Hub";

    /// <summary>The largest message SignalR's default allows; this hub never accepts more.</summary>
    public const int MaxMessageSizeLimit = 32 * 1024;

    /// <summary>Largest message a client may send, in bytes. A larger one closes that connection (SignalR cannot skip part of a frame).</summary>
    /// <value>Defaults to 32,768 (32 KB, SignalR's default); may only be lowered.</value>
    [Range(1_024, MaxMessageSizeLimit)]
    public int MaxMessageSize { get; set; } = MaxMessageSizeLimit;

    /// <summary>Calls one connection may make per second on average (the token bucket's refill).</summary>
    /// <value>Defaults to 10.</value>
    [Range(1, 10_000)]
    public int CallsPerSecond { get; set; } = 10;

    /// <summary>Calls one connection may make at once before the average applies (the token bucket's size).</summary>
    /// <value>Defaults to 20.</value>
    [Range(1, 10_000)]
    public int CallBurst { get; set; } = 20;

    /// <summary>Hub methods one connection may have running at once (deferred calls wait for external work); more wait their turn.</summary>
    /// <value>Defaults to 8.</value>
    [Range(1, 64)]
    public int MaxParallelInvocations { get; set; } = 8;

    /// <summary>Snapshots per second of <c>StreamTelemetry</c> (and <c>StreamOverview</c>).</summary>
    /// <value>Defaults to 4 (every 250 ms).</value>
    [Range(1, 10)]
    public int TelemetryHz { get; set; } = 4;

    /// <summary>The pause between two telemetry snapshots.</summary>
    public TimeSpan TelemetryPeriod => TimeSpan.FromSeconds(1.0 / TelemetryHz);
}

using System.ComponentModel.DataAnnotations;
using ActorRuntime;

namespace Dashboard.Services;

/// <summary>Node-wide settings, bound from the <c>Dashboard</c> configuration section.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard";

    /// <summary>Most actors alive on this node (tabs + hub clients + virtual users).</summary>
    /// <value>Defaults to 1,048,576, OTP's default process limit.</value>
    [Range(1, int.MaxValue)]
    public int MaxActors { get; set; } = ActorSystemOptions.DefaultMaxActors;

    /// <summary>How long the server keeps a tab's circuit (and its actor) after the connection drops, waiting for a reconnect.</summary>
    /// <value>Defaults to 3 minutes, ASP.NET Core's default.</value>
    public TimeSpan DisconnectedCircuitRetention { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Whether the circuits' WebSocket frames are deflate-compressed (permessage-deflate).</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    /// <remarks>ASP.NET Core turns it on by default. Here it was ~15 % of the server's CPU with 30 live tabs and keeps a
    /// zlib state (~0.3–0.8 MB native) per connection; it sends ~8× fewer bytes (an active tab: 1.6 instead of 12 KB/s),
    /// which matters over slow links, not on a LAN (docs/PERFORMANCE.md, "Live tab cost"). Either way the page may
    /// only be framed by its own origin.</remarks>
    public bool CircuitCompression { get; set; }

    /// <summary>This node's name, shown on "My actor" and in every overview row (<c>data-node</c>).</summary>
    /// <value>Defaults to the host name and the port of the first listening address, e.g. <c>box:5001</c>.</value>
    [MaxLength(100)]
    [RegularExpression(@"^[^\s<>""'&]+$", ErrorMessage = "Dashboard:NodeName may not contain spaces or any of < > \" ' &.")]
    public string? NodeName { get; set; }

    /// <summary>The URL other nodes use to reach this one (the drill-down of a remote actor).</summary>
    /// <value>Defaults to the first listening address.</value>
    [Url]
    public string? NodeUrl { get; set; }
}

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
}

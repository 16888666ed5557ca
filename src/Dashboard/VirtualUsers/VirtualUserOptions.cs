using System.ComponentModel.DataAnnotations;

namespace Dashboard.VirtualUsers;

/// <summary>Server-side virtual users, bound from the <c>Dashboard:VirtualUsers</c> configuration section.</summary>
public sealed class VirtualUserOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:VirtualUsers";

    /// <summary>Most virtual users running at once (each also counts against <c>Dashboard:MaxActors</c>).</summary>
    /// <value>Defaults to 1,000.</value>
    [Range(0, 100_000)]
    public int Max { get; set; } = 1_000;

    /// <summary>Share of heartbeats that a virtual user follows with a manual request, 0..1.</summary>
    /// <value>Defaults to 0.1.</value>
    [Range(0.0, 1.0)]
    public double RequestChance { get; set; } = 0.1;

    /// <summary>Share of heartbeats that a virtual user follows with a burst of <see cref="BurstSize"/> concurrent calls, 0..1.</summary>
    /// <value>Defaults to 0.02.</value>
    [Range(0.0, 1.0)]
    public double BurstChance { get; set; } = 0.02;

    /// <summary>Calls in one burst.</summary>
    /// <value>Defaults to 5.</value>
    [Range(1, 100)]
    public int BurstSize { get; set; } = 5;
}

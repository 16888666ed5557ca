using System.ComponentModel.DataAnnotations;

namespace Dashboard.Overview;

/// <summary>How the operator overview keeps its index and totals, bound from <c>Dashboard:Overview</c>.</summary>
public sealed class OverviewOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Overview";

    /// <summary>How often the index re-reads the actors that changed, and how often an overview tab refreshes.</summary>
    /// <value>Defaults to 500 ms (two updates a second).</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a point is added to the totals charts (and over how long calls/s and timeouts/s are averaged).</summary>
    /// <value>Defaults to 2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How far back the totals charts reach.</summary>
    /// <value>Defaults to 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan History { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows per page of the actors table (the operator can change it on the page).</summary>
    /// <value>Defaults to 25.</value>
    [Range(5, 500)]
    public int PageSize { get; set; } = 25;

    /// <summary>How many chart points <see cref="History"/> and <see cref="SampleInterval"/> give.</summary>
    public int HistoryPoints => Math.Max(2, (int)Math.Ceiling(History / SampleInterval));
}

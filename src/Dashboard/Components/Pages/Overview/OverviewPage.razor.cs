using ActorRuntime;
using Dashboard.Cluster;
using Dashboard.Overview;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.Overview;

/// <summary>
/// <c>/overview</c> (admin): totals with charts and a sortable, filterable, paged table of every actor — of every
/// node with Redis, with a per-node panel and a banner while Redis is unreachable. The page asks
/// <see cref="ClusterOverview"/> for one page every <see cref="OverviewOptions.RefreshInterval"/>; the index sorts once
/// per refresh and the page reads fresh figures only for this node's rows it shows.
/// </summary>
public sealed partial class OverviewPage
{
    private static readonly (OverviewColumn Column, string Label)[] Columns =
    [
        (OverviewColumn.Pid, "pid"),
        (OverviewColumn.Owner, "owner"),
        (OverviewColumn.Status, "status"),
        (OverviewColumn.QueueDepth, "queue depth"),
        (OverviewColumn.DeferredCalls, "deferred"),
        (OverviewColumn.ExternalInFlight, "external jobs"),
        (OverviewColumn.Timeouts, "timeouts"),
        (OverviewColumn.LateReplies, "late replies"),
        (OverviewColumn.Crashes, "crashes"),
        (OverviewColumn.HeartbeatAge, "heartbeat"),
        (OverviewColumn.HandleTimeP99, "handle p99"),
    ];

    private static readonly (string Value, string Label)[] Owners = [("", "all owners"), ("tab", "browser tabs"), ("hub", "hub clients"), ("virtual", "virtual users")];

    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private readonly CancellationTokenSource _stop = new();
    /// <summary>The banner's text while Redis is configured but unreachable.</summary>
    internal const string DegradedText = "cluster view unavailable — showing this node only";

    private MudTable<ClusterRow>? _table;
    private OverviewTotals? _totals;
    private IReadOnlyList<NodeSummary> _nodes = [];
    private bool _degraded;
    private string _owner = "";

    [Inject] private ClusterOverview Cluster { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    /// <summary>The status as the actor panels word it.</summary>
    internal static string Status(OverviewRow row) => row.Status switch
    {
        ActorStatus.Restarting => "crashed-restarting",
        var status => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The drill-down of a row: its pid and its node, since two nodes have the same pids.</summary>
    internal static string DetailHref(ClusterRow row) => $"actors/{row.Row.Pid.Id}?node={Uri.EscapeDataString(row.Node)}";

    private string Heading => !Cluster.Clustered
        ? "Every actor on this node"
        : _degraded ? $"Every actor on {Cluster.LocalNode}" : $"Every actor in the cluster ({_nodes.Count} {(_nodes.Count == 1 ? "node" : "nodes")})";

    /// <summary>Whether a first click on the column sorts largest first (the counters) rather than A→Z (pid, owner, status).</summary>
    internal static bool LargestFirst(OverviewColumn column) =>
        column is not (OverviewColumn.Pid or OverviewColumn.Owner or OverviewColumn.Status);

    /// <summary>Maps the table's state to an <see cref="OverviewQuery"/>; an unknown or empty sort label means the default order.</summary>
    internal static OverviewQuery ToQuery(TableState state, string? owner) =>
        Enum.TryParse<OverviewColumn>(state.SortLabel, out var column) && state.SortDirection != SortDirection.None
            ? new OverviewQuery(column, state.SortDirection == SortDirection.Descending, owner, state.Page, state.PageSize)
            : new OverviewQuery(Owner: owner, Page: state.Page, PageSize: state.PageSize);

    protected override void OnInitialized()
    {
        ReadTotals();
        if (RendererInfo.IsInteractive)
        {
            _ = RefreshLoopAsync(_stop.Token);
        }
    }

    private void ReadTotals()
    {
        _degraded = Cluster.Degraded;
        _totals = Cluster.Totals;
        _nodes = Cluster.Clustered ? Cluster.Nodes : [];
    }

    private Task<TableData<ClusterRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = Cluster.Query(ToQuery(state, _owner.Length == 0 ? null : _owner));
        return Task.FromResult(new TableData<ClusterRow> { Items = page.Rows, TotalItems = page.TotalRows });
    }

    private async Task FilterAsync(string owner)
    {
        _owner = owner;
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Cluster.Local.Options.RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(async () =>
                {
                    ReadTotals();
                    if (_table is not null)
                    {
                        await _table.ReloadServerData(); // renders the table
                    }

                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception error)
        {
            await DispatchExceptionAsync(error);
        }
    }
}

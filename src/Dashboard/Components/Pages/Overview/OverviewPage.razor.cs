using ActorRuntime;
using Dashboard.Cluster;
using Dashboard.Overview;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.Overview;

/// <summary>
/// <c>/overview</c> (admin): totals with charts and a sortable, filterable (owner, pid search), paged and exportable table
/// of every actor — of every node with Redis, with a per-node panel and a banner while Redis is unreachable. The page asks
/// <see cref="ClusterOverview"/> for one page every <see cref="OverviewOptions.RefreshInterval"/>; the index sorts once
/// per refresh and the page reads fresh figures only for this node's rows it shows.
/// </summary>
public sealed partial class OverviewPage
{
    /// <summary>
    /// The table's columns in order. Headers are short so that all of them fit at 1280 px; the description is the
    /// header's tooltip and, below 600 px, the card's label.
    /// </summary>
    internal static readonly IReadOnlyList<ColumnHeader> Columns =
    [
        new(OverviewColumn.Pid, "pid", "process id: opens the actor"),
        new(OverviewColumn.Owner, "owner", "who owns the actor: a browser tab, a hub client or a virtual user"),
        new(OverviewColumn.Status, "status", "idle, busy, starting or crashed-restarting"),
        new(OverviewColumn.QueueDepth, "queue", "queue depth: messages waiting in the mailbox", Numeric: true),
        new(OverviewColumn.DeferredCalls, "deferred", "deferred calls: callers whose request got NoReply and who still wait", Numeric: true),
        new(OverviewColumn.ExternalInFlight, "ext.", "external jobs in flight", Numeric: true, Optional: true),
        new(OverviewColumn.Timeouts, "timeouts", "calls that timed out", Numeric: true),
        new(OverviewColumn.LateReplies, "late", "late replies dropped (the caller had given up)", Numeric: true, Optional: true),
        new(OverviewColumn.Crashes, "crashes", "crashes (each followed by a restart while the policy allows)", Numeric: true, Optional: true),
        new(OverviewColumn.HeartbeatAge, "beat", "time since the owner's last heartbeat", Numeric: true),
        new(OverviewColumn.HandleTimeP99, "p99", "handle time p99: 99th percentile of the time one message takes", Numeric: true),
    ];

    private static readonly Dictionary<OverviewColumn, string> CssByColumn = Columns.ToDictionary(header => header.Column, header => header.CssClass);

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
    private string _search = "";
    private OverviewQuery _query = new();

    [Inject] private ClusterOverview Cluster { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    /// <summary>The CSS classes of a column's header and cells: <c>num</c> (right-aligned figures), <c>optional</c> (hidden on medium widths).</summary>
    internal static string Css(OverviewColumn column) => CssByColumn[column];

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
        _query = ToQuery(state, _owner.Length == 0 ? null : _owner) with { Search = _search.Length == 0 ? null : _search };
        var page = Cluster.Query(_query);
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

    private async Task SearchAsync(string search)
    {
        _search = search.Trim();
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

/// <summary>One column of the overview table.</summary>
/// <param name="Column">What it shows and sorts by.</param>
/// <param name="Label">The short header.</param>
/// <param name="Description">What the column means, as the header's tooltip.</param>
/// <param name="Numeric">Figures, right-aligned. Defaults to false.</param>
/// <param name="Optional">Hidden between 600 and 1100 px, where the table would otherwise scroll. Defaults to false.</param>
internal sealed record ColumnHeader(OverviewColumn Column, string Label, string Description, bool Numeric = false, bool Optional = false)
{
    /// <summary>The CSS classes of the header and of the column's cells.</summary>
    public string CssClass { get; } = string.Join(' ', new[] { Numeric ? "num" : null, Optional ? "optional" : null }.OfType<string>());
}

using ActorRuntime;
using Dashboard.Overview;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.Overview;

/// <summary>
/// <c>/overview</c> (admin): totals with charts and a sortable, filterable (owner, pid search), paged and exportable table of every actor. The page
/// asks <see cref="OverviewService"/> for one page every <see cref="OverviewOptions.RefreshInterval"/>; the service
/// sorts its index once per refresh and the page reads fresh figures only for the rows it shows.
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
    private MudTable<OverviewRow>? _table;
    private OverviewTotals? _totals;
    private string _owner = "";
    private string _search = "";
    private OverviewQuery _query = new();

    [Inject] private OverviewService Overview { get; set; } = null!;

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
        _totals = Overview.Totals;
        if (RendererInfo.IsInteractive)
        {
            _ = RefreshLoopAsync(_stop.Token);
        }
    }

    private Task<TableData<OverviewRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        _query = ToQuery(state, _owner.Length == 0 ? null : _owner) with { Search = _search.Length == 0 ? null : _search };
        var page = Overview.Query(_query);
        return Task.FromResult(new TableData<OverviewRow> { Items = page.Rows, TotalItems = page.TotalRows });
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
        using var timer = new PeriodicTimer(Overview.Options.RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(async () =>
                {
                    _totals = Overview.Totals;
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

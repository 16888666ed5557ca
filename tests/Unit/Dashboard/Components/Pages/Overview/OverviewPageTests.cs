using ActorRuntime;
using Bunit;
using Dashboard.Components.Pages.Overview;
using Dashboard.Heartbeats;
using Dashboard.Overview;
using Dashboard.Services;
using Dashboard.VirtualUsers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using Unit.Dashboard.Cluster;
using Unit.Dashboard.Overview;
using Unit.Dashboard.VirtualUsers;

namespace Unit.Dashboard.Components.Pages.Overview;

public sealed class OverviewPageTests : DashboardTestContext
{
    private readonly ClusterNode _cluster;
    private readonly OverviewNode _node;

    public OverviewPageTests()
    {
        _cluster = Own(new ClusterNode("node-a", store: null, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(), maxActors: 500));
        _node = _cluster.Node;
        Services.AddSingleton(_node.Service);
        VirtualUserHarness.AddVirtualUsers(Services, _node.Time, _node.System, _node.Directory, new VirtualUserOptions { Max = 5 });
        Services.AddSingleton(_cluster.Cluster);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task Render_ListsEveryActorDeepestMailboxFirst_WithTheCountAgainstTheLimit()
    {
        // Arrange
        var (idle, _) = await _node.SpawnWithQueueAsync(0, owner: "tab");
        var (deep, _) = await _node.SpawnWithQueueAsync(4, owner: "hub");
        _node.Service.Refresh();

        // Act
        var cut = Render<OverviewPage>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal([Text(deep), Text(idle)], Pids(cut)));
        Assert.Equal("2 / 500", cut.Find("[data-testid=overview-actor-count]").TextContent);
        Assert.Equal("4", cut.Find("[data-testid=overview-queue-depth]").TextContent);
        Assert.Equal($"actors/{deep.Id}?node=node-a", cut.Find("[data-testid=overview-pid]").GetAttribute("href"));
        Assert.All(cut.FindAll("[data-testid=overview-row]"), cell => Assert.Equal("node-a", cell.GetAttribute("data-node")));
        Assert.Empty(cut.FindAll("[data-testid=cluster-nodes]")); // a single node has no node panel
        Assert.Empty(cut.FindAll("[data-testid=cluster-degraded]"));
    }

    [Fact]
    public async Task Refresh_NewActors_AppearAtTheNextTick()
    {
        // Arrange
        await _node.SpawnWithQueueAsync(0);
        _node.Service.Refresh();
        var cut = Render<OverviewPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=overview-row]")));

        // Act
        for (var i = 0; i < 3; i++)
        {
            await _node.SpawnWithQueueAsync(0);
        }

        _node.Service.Refresh();
        _node.Time.Advance(_node.Options.RefreshInterval);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=overview-row]").Count));
        cut.WaitForAssertion(() => Assert.StartsWith("4 / ", cut.Find("[data-testid=overview-actor-count]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SortLabel_Pid_OrdersBySpawn()
    {
        // Arrange
        var (first, _) = await _node.SpawnWithQueueAsync(0);
        var (second, _) = await _node.SpawnWithQueueAsync(2);
        _node.Service.Refresh();
        var cut = Render<OverviewPage>();
        cut.WaitForAssertion(() => Assert.Equal([Text(second), Text(first)], Pids(cut)));

        // Act
        await cut.Find("[data-testid=sort-Pid]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal([Text(first), Text(second)], Pids(cut)));
    }

    [Fact]
    public async Task SortLabel_QueueDepthAfterPid_SortsLargestFirstOnTheFirstClick()
    {
        // Arrange
        var (shallow, _) = await _node.SpawnWithQueueAsync(1);
        var (deep, _) = await _node.SpawnWithQueueAsync(3);
        _node.Service.Refresh();
        var cut = Render<OverviewPage>();
        await cut.Find("[data-testid=sort-Pid]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal([Text(shallow), Text(deep)], Pids(cut)));

        // Act
        await cut.Find("[data-testid=sort-QueueDepth]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal([Text(deep), Text(shallow)], Pids(cut)));
        Assert.NotNull(cut.Find("[data-testid=virtual-users]"));
    }

    [Fact]
    public async Task Render_Headers_AreShortWithTheirMeaningAsTooltip()
    {
        // Arrange
        await _node.SpawnWithQueueAsync(0);
        _node.Service.Refresh();

        // Act
        var cut = Render<OverviewPage>();

        // Assert
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=overview-row]")));
        var headers = cut.FindAll("th abbr[title]");
        Assert.Equal(OverviewPage.Columns.Count, headers.Count);
        Assert.All(headers, header => Assert.InRange(header.TextContent.Length, 1, 8));
        Assert.Equal("queue depth: messages waiting in the mailbox", cut.Find("[data-testid=sort-QueueDepth] abbr").GetAttribute("title"));
    }

    [Fact]
    public async Task Render_Rows_StackAsLabelledCardsOnPhones_AndMarkTheColumnsThatGiveWay()
    {
        // Arrange
        await _node.SpawnWithQueueAsync(0);
        _node.Service.Refresh();

        // Act
        var cut = Render<OverviewPage>();

        // Assert: below 600 px (MudTable's Xs breakpoint) each cell shows its label
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=overview-row]")));
        Assert.NotNull(cut.Find("[data-testid=overview-table].mud-xs-table"));
        var cells = cut.FindAll("tbody tr.mud-table-row td");
        Assert.Equal(OverviewPage.Columns.Count, cells.Count);
        Assert.All(cells, cell => Assert.False(string.IsNullOrEmpty(cell.GetAttribute("data-label"))));

        // Medium widths hide the optional columns, header and cells alike; figures are right-aligned
        var optionalHeaders = cut.FindAll("th.optional").Select(th => th.QuerySelector("abbr")!.TextContent).ToList();
        Assert.Equal(["ext.", "late", "crashes"], optionalHeaders);
        Assert.Equal(optionalHeaders.Count, cut.FindAll("tbody td.optional").Count);
        Assert.Equal(cut.FindAll("th.num").Count, cut.FindAll("tbody td.num").Count);
        Assert.Contains("num", cut.Find("td[data-testid=overview-queue-depth]").ClassList);
    }

    [Fact]
    public void ToQuery_MapsTheTableState()
    {
        // Act
        var sorted = OverviewPage.ToQuery(new TableState { Page = 2, PageSize = 50, SortLabel = "Crashes", SortDirection = SortDirection.Ascending }, "hub");
        var unsorted = OverviewPage.ToQuery(new TableState { Page = 0, PageSize = 10, SortLabel = "Crashes", SortDirection = SortDirection.None }, null);

        // Assert
        Assert.Equal(new OverviewQuery(OverviewColumn.Crashes, false, "hub", 2, 50), sorted);
        Assert.Equal(new OverviewQuery(OverviewColumn.QueueDepth, true, null, 0, 10), unsorted);
    }

    private static string Text(Pid pid) => pid.ToString();

    private static List<string> Pids(IRenderedComponent<OverviewPage> cut) =>
        [.. cut.FindAll("[data-testid=overview-pid]").Select(link => link.TextContent)];
}

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
using Unit.Dashboard.Overview;
using Unit.Dashboard.VirtualUsers;

namespace Unit.Dashboard.Components.Pages.Overview;

public sealed class OverviewPageTests : DashboardTestContext
{
    private readonly OverviewNode _node;

    public OverviewPageTests()
    {
        _node = Own(new OverviewNode(maxActors: 500));
        Services.AddSingleton(_node.Service);
        VirtualUserHarness.AddVirtualUsers(Services, _node.Time, _node.System, _node.Directory, new VirtualUserOptions { Max = 5 });
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
        Assert.Equal($"actors/{deep.Id}", cut.Find("[data-testid=overview-pid]").GetAttribute("href"));
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

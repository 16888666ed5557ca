using Bunit;
using Dashboard.Components.Pages.Overview;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Dashboard.VirtualUsers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Unit.Dashboard.Cluster;

namespace Unit.Dashboard.Components.Pages.Overview;

/// <summary>The overview of node A in a cluster of two nodes sharing an in-memory store.</summary>
public sealed class ClusterOverviewPageTests : DashboardTestContext
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryClusterStore _store;
    private readonly ClusterNode _a;
    private readonly ClusterNode _b;

    public ClusterOverviewPageTests()
    {
        _store = new InMemoryClusterStore(_time);
        _a = Own(new ClusterNode("node-a", _store, _time, maxActors: 500));
        _b = Own(new ClusterNode("node-b", _store, _time, maxActors: 300));
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton(_a.Node.Service);
        Services.AddSingleton(_a.Cluster);
        Services.AddLogging();
        Services.AddSingleton(Options.Create(new HeartbeatActorOptions()));
        Services.AddSingleton(Options.Create(new VirtualUserOptions { Max = 5 }));
        Services.AddSingleton(_a.Node.System);
        Services.AddSingleton(_a.Node.Directory);
        Services.AddSingleton<ActorSessionFactory>();
        Services.AddSingleton<VirtualUserService>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task Render_TwoNodes_RowsCarryTheirNode_LinksNameIt_PanelListsBoth()
    {
        // Arrange
        var (pid, _) = await _a.Node.SpawnWithQueueAsync(0);
        await _b.Node.SpawnWithQueueAsync(2);
        await _b.Node.SpawnWithQueueAsync(0);
        await ConvergeAsync();

        // Act
        var cut = Render<OverviewPage>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=overview-row]").Count));
        var cells = cut.FindAll("[data-testid=overview-row]");
        Assert.Equal(["node-b", "node-a", "node-b"], cells.Select(cell => cell.GetAttribute("data-node"))); // deepest queue first
        Assert.Contains(cut.FindAll("[data-testid=overview-pid]"), link => link.GetAttribute("href") == $"actors/{pid.Id}?node=node-b");
        Assert.Equal("3 / 800", cut.Find("[data-testid=overview-actor-count]").TextContent);
        Assert.Equal(["node-a", "node-b"], cut.FindAll("[data-testid=cluster-node]").Select(node => node.GetAttribute("data-node")));
        Assert.Equal("2 / 300", cut.Find("[data-testid=cluster-node][data-node=node-b] [data-testid=cluster-node-actors]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=cluster-degraded]"));
    }

    [Fact]
    public async Task Refresh_RedisDownThenBack_ShowsTheBannerAndThisNodeOnly_ThenTheClusterAgain()
    {
        // Arrange
        await _a.Node.SpawnWithQueueAsync(0);
        await _b.Node.SpawnWithQueueAsync(0);
        await ConvergeAsync();
        var cut = Render<OverviewPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=overview-row]").Count));

        // Act: Redis goes down.
        _store.Available = false;
        await _a.TickAsync();
        _time.Advance(_a.Node.Options.RefreshInterval);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("cluster view unavailable — showing this node only", cut.Find("[data-testid=cluster-degraded]").TextContent.Trim()));
        cut.WaitForAssertion(() => Assert.Equal(["node-a"], cut.FindAll("[data-testid=overview-row]").Select(cell => cell.GetAttribute("data-node"))));
        Assert.Equal(["node-a"], cut.FindAll("[data-testid=cluster-node]").Select(node => node.GetAttribute("data-node")));

        // Act: Redis is back.
        _store.Available = true;
        await ConvergeAsync();

        // Assert
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=cluster-degraded]")));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=overview-row]").Count));
    }


    private Task ConvergeAsync() => ClusterNode.ConvergeAsync(_a, _b);
}

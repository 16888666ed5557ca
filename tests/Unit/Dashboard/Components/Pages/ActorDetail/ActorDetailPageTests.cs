using ActorRuntime;
using Bunit;
using Dashboard.Components.Pages.ActorDetail;
using Dashboard.Overview;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Cluster;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Unit.Dashboard.Cluster;
using Unit.Dashboard.Operations;
using Unit.Dashboard.Overview;

namespace Unit.Dashboard.Components.Pages.ActorDetail;

public sealed class ActorDetailPageTests : DashboardTestContext
{
    private readonly ClusterNode _cluster;
    private readonly OverviewNode _node;
    private readonly StubPeers _peers = new();

    public ActorDetailPageTests()
    {
        _cluster = Own(new ClusterNode("node-a", store: null, new Microsoft.Extensions.Time.Testing.FakeTimeProvider()));
        _node = _cluster.Node;
        Services.AddSingleton<TimeProvider>(_node.Time);
        Services.AddSingleton(_node.Service);
        Services.AddSingleton(_cluster.Cluster);
        Services.AddSingleton(new ActorInspector(_node.System, _node.Directory));
        this.AddOperatorTools(_node.System, _node.Directory, admin: true);
        Services.AddSingleton(new PeerActorClient(_peers, new EphemeralDataProtectionProvider(), _cluster.Cluster, Options.Create(new ClusterOptions())));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("<0.{0}.0>")]
    [InlineData("%3C0.{0}.0%3E")]
    [InlineData("0.{0}.0")]
    public async Task Render_LiveActor_ShowsItsPanelsReadOnly(string format)
    {
        // Arrange
        var (pid, actor) = await _node.SpawnWithQueueAsync(3, owner: "hub");

        // Act
        var cut = Render<ActorDetailPage>(parameters => parameters.Add(page => page.PidText, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, pid.Id)));

        // Assert
        Assert.Equal(pid.ToString(), cut.Find("[data-testid=actor-pid]").TextContent);
        Assert.Equal("3", cut.Find("[data-testid=queue-depth]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=pending-calls]"));
        Assert.NotNull(cut.Find("[data-testid=external-in-flight]"));
        Assert.Empty(cut.FindAll("[data-testid=btn-request]"));
        Assert.Empty(cut.FindAll("[data-testid=btn-flood]"));
        Assert.Empty(cut.FindAll("[data-testid=no-such-actor]"));
        Assert.NotNull(cut.Find("[data-testid=op-stop]"));
        Assert.NotNull(cut.Find("[data-testid=pending-calls-table]"));
        Assert.NotNull(cut.Find("[data-testid=call-timeline]"));
        Assert.NotNull(cut.Find("[data-testid=trace-start]"));
        actor.Open();
    }

    [Fact]
    public async Task Render_PidOfAnotherNode_ShowsNoOperatorPanels_EvenWhenThisNodeHasThatPid()
    {
        // Arrange: this node has an actor with the pid; the link names another node (not in view here).
        var (pid, actor) = await _node.SpawnWithQueueAsync(0, owner: "hub");
        Services.GetRequiredService<NavigationManager>().NavigateTo($"actors/{pid.Id}?node=node-b");

        // Act
        var cut = Render<ActorDetailPage>(parameters => parameters.Add(page => page.PidText, pid.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // Assert
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=no-such-actor]")));
        Assert.Empty(cut.FindAll("[data-testid=operator-actions]"));
        Assert.Empty(cut.FindAll("[data-testid=op-stop]"));
        Assert.Empty(cut.FindAll("[data-testid=pending-calls-table]"));
        Assert.Empty(cut.FindAll("[data-testid=actor-state]"));
        Assert.Empty(cut.FindAll("[data-testid=trace-panel]"));
        Assert.Empty(cut.FindAll("[data-testid=actor-pid]"));
        actor.Open();
    }

    [Theory]
    [InlineData("999")]
    [InlineData("not-a-pid")]
    [InlineData("0")]
    public void Render_UnknownPid_SaysSoInsteadOfThrowing(string text)
    {
        // Act
        var cut = Render<ActorDetailPage>(parameters => parameters.Add(page => page.PidText, text));

        // Assert
        Assert.NotNull(cut.Find("[data-testid=no-such-actor]"));
        Assert.Empty(cut.FindAll("[data-testid=actor-pid]"));
    }

    [Fact]
    public async Task Render_ActorStopsWhileWatched_ShowsNoSuchActorAtTheNextRefresh()
    {
        // Arrange
        var (pid, _) = await _node.SpawnWithQueueAsync(0);
        var cut = Render<ActorDetailPage>(parameters => parameters.Add(page => page.PidText, pid.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotNull(cut.Find("[data-testid=actor-pid]"));

        // Act
        await _node.System.StopAsync(pid);
        _node.Time.Advance(_node.Options.RefreshInterval);

        // Assert
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=no-such-actor]")));
    }
}

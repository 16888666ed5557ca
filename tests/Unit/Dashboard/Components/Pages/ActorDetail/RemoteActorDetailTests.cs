using System.Net;
using System.Net.Http.Json;
using Bunit;
using Dashboard.Cluster;
using Dashboard.Components.Pages.ActorDetail;
using Dashboard.Overview;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Unit.Dashboard.Cluster;

namespace Unit.Dashboard.Components.Pages.ActorDetail;

/// <summary>The drill-down on node A of an actor on node B: fetched from B with a peer token.</summary>
public sealed class RemoteActorDetailTests : DashboardTestContext
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly IDataProtectionProvider _sharedKeys = new EphemeralDataProtectionProvider();
    private readonly StubPeers _peers = new();
    private readonly ClusterNode _a;
    private readonly ClusterNode _b;

    public RemoteActorDetailTests()
    {
        var store = new InMemoryClusterStore(_time);
        _a = Own(new ClusterNode("node-a", store, _time));
        _b = Own(new ClusterNode("node-b", store, _time));
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton(_a.Cluster);
        Services.AddSingleton(new ActorInspector(_a.Node.System, _a.Node.Directory));
        Services.AddSingleton(new PeerActorClient(_peers, _sharedKeys, _a.Cluster, Options.Create(new ClusterOptions())));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _peers.Answer = AnswerAsNodeB;
    }

    [Fact]
    public async Task Render_PidOnAnotherNode_ShowsItsFiguresFetchedFromThatNode()
    {
        // Arrange: the same pid lives on both nodes; B's has a queue of 2.
        await _a.Node.SpawnWithQueueAsync(0);
        var (pid, _) = await _b.Node.SpawnWithQueueAsync(2);
        await ConvergeAsync();

        // Act
        var cut = RenderOn("node-b", pid.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("node-b", cut.Find("[data-testid=actor-node]").TextContent));
        Assert.Equal(pid.ToString(), cut.Find("[data-testid=actor-pid]").TextContent);
        Assert.Equal("2", cut.Find("[data-testid=queue-depth]").TextContent);
        var request = Assert.Single(_peers.Requests);
        Assert.Equal($"http://node-b.test/cluster/actors/{pid.Id}", request.RequestUri!.ToString());
    }

    [Fact]
    public async Task Render_ActorGoneOnTheOtherNode_SaysSo()
    {
        // Arrange
        await ConvergeAsync();

        // Act
        var cut = RenderOn("node-b", "77");

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("<0.77.0> is not alive on node-b", cut.Find("[data-testid=no-such-actor]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_NodeNotInTheCluster_SaysSoWithoutAsking()
    {
        // Arrange
        await ConvergeAsync();

        // Act
        var cut = RenderOn("node-z", "5");

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("No node named 'node-z'", cut.Find("[data-testid=no-such-actor]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_peers.Requests);
    }

    [Fact]
    public async Task Render_OtherNodeUnreachable_SaysSo()
    {
        // Arrange
        await ConvergeAsync();
        _peers.Answer = _ => throw new HttpRequestException("Connection refused");

        // Act
        var cut = RenderOn("node-b", "5");

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("cannot be reached (Connection refused)", cut.Find("[data-testid=no-such-actor]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void IsValidToken_OnlyForTheNodeItWasMadeFor()
    {
        // Act
        var token = PeerActors.CreateToken(_sharedKeys, "node-b");

        // Assert
        Assert.True(PeerActors.IsValidToken(_sharedKeys, token, "node-b"));
        Assert.False(PeerActors.IsValidToken(_sharedKeys, token, "node-a"));
        Assert.False(PeerActors.IsValidToken(new EphemeralDataProtectionProvider(), token, "node-b")); // another key ring
        Assert.False(PeerActors.IsValidToken(_sharedKeys, "forged", "node-b"));
    }

    /// <summary>Renders /actors/{pid}?node={node}: the query parameter comes from the navigation, as in the browser.</summary>
    private IRenderedComponent<ActorDetailPage> RenderOn(string node, string pid)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"actors/{pid}?node={node}");
        return Render<ActorDetailPage>(parameters => parameters.Add(page => page.PidText, pid));
    }


    /// <summary>What node B's endpoint answers: 401 without a token for B, else its actor or 404.</summary>
    private HttpResponseMessage AnswerAsNodeB(HttpRequestMessage request)
    {
        var token = request.Headers.TryGetValues(PeerActors.TokenHeader, out var values) ? values.Single() : null;
        if (!PeerActors.IsValidToken(_sharedKeys, token, "node-b"))
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }

        var pid = global::ActorRuntime.Pid.Parse(request.RequestUri!.Segments[^1]);
        var view = new ActorInspector(_b.Node.System, _b.Node.Directory).Inspect(pid, new MailboxHistory(_time));
        return view is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(PeerActors.ToDto(view, "node-b")) };
    }

    private async Task ConvergeAsync()
    {
        await _b.TickAsync();
        await _a.TickAsync();
    }
}

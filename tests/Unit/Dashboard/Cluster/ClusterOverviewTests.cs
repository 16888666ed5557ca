using Dashboard.Cluster;
using Dashboard.Overview;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Unit.Dashboard.Cluster;

public sealed class ClusterOverviewTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryClusterStore _store;
    private readonly ClusterNode _a;
    private readonly ClusterNode _b;

    public ClusterOverviewTests()
    {
        _store = new InMemoryClusterStore(_time);
        _a = new ClusterNode("node-a", _store, _time, maxActors: 500);
        _b = new ClusterNode("node-b", _store, _time, maxActors: 300);
    }

    [Fact]
    public async Task Query_TwoNodes_ListsEveryActorWithItsNode_SamePidsKeptApart()
    {
        // Arrange: both nodes spawn the same pids.
        var (pidOnA, _) = await _a.Node.SpawnWithQueueAsync(0, owner: "tab");
        var (pidOnB, _) = await _b.Node.SpawnWithQueueAsync(0, owner: "tab");
        Assert.Equal(pidOnA, pidOnB);

        // Act
        await ConvergeAsync();

        // Assert
        var rows = _a.Cluster.Query(new OverviewQuery(OverviewColumn.Pid, Descending: false)).Rows;
        Assert.Equal([("node-a", pidOnA.Id), ("node-b", pidOnB.Id)], rows.Select(row => (row.Node, row.Row.Pid.Id)));
        Assert.True(rows.Single(row => row.Node == "node-a").IsLocal);
        Assert.False(rows.Single(row => row.Node == "node-b").IsLocal);
        Assert.Equal(["node-a", "node-b"], _a.Cluster.Nodes.Select(node => node.Info.Name));
    }

    [Fact]
    public async Task Totals_TwoNodes_AddUpActorsQueuesAndLimits()
    {
        // Arrange
        await _a.Node.SpawnWithQueueAsync(2);
        await _b.Node.SpawnWithQueueAsync(3);
        await _b.Node.SpawnWithQueueAsync(0);

        // Act
        await ConvergeAsync();

        // Assert
        var totals = _a.Cluster.Totals;
        Assert.Equal(3, totals.LiveActors);
        Assert.Equal(800, totals.MaxActors);
        Assert.Equal(5, totals.QueueDepth);
        Assert.Equal(2, _a.Cluster.Nodes.Single(node => node.Info.Name == "node-b").Totals.LiveActors);
    }

    [Fact]
    public async Task Query_SortFilterAndPage_RunOverEveryNode()
    {
        // Arrange: queue depths 1 and 4 on A (tab, hub), 3 and 2 on B (tab, tab).
        await _a.Node.SpawnWithQueueAsync(1, owner: "tab");
        await _a.Node.SpawnWithQueueAsync(4, owner: "hub");
        await _b.Node.SpawnWithQueueAsync(3, owner: "tab");
        await _b.Node.SpawnWithQueueAsync(2, owner: "tab");
        await ConvergeAsync();

        // Act
        var first = _a.Cluster.Query(new OverviewQuery(OverviewColumn.QueueDepth, Descending: true, Page: 0, PageSize: 3));
        var second = _a.Cluster.Query(new OverviewQuery(OverviewColumn.QueueDepth, Descending: true, Page: 1, PageSize: 3));
        var tabs = _a.Cluster.Query(new OverviewQuery(OverviewColumn.QueueDepth, Descending: false, Owner: "TAB"));

        // Assert
        Assert.Equal(4, first.TotalRows);
        Assert.Equal([(4, "node-a"), (3, "node-b"), (2, "node-b")], first.Rows.Select(row => (row.Row.QueueDepth, row.Node)));
        Assert.Equal([(1, "node-a")], second.Rows.Select(row => (row.Row.QueueDepth, row.Node)));
        Assert.Equal(3, tabs.TotalRows);
        Assert.Equal([1, 2, 3], tabs.Rows.Select(row => row.Row.QueueDepth));
    }

    [Fact]
    public async Task Query_RemoteActorStops_LeavesTheViewWithTheNextDelta()
    {
        // Arrange
        var (pid, _) = await _b.Node.SpawnWithQueueAsync(0);
        await _b.Node.SpawnWithQueueAsync(0);
        await ConvergeAsync();
        Assert.Equal(2, _a.Cluster.Query(new OverviewQuery()).TotalRows);

        // Act
        await _b.Node.System.StopAsync(pid);
        await _b.TickAsync();
        _time.Advance(_a.Node.Options.RefreshInterval);

        // Assert
        var rows = _a.Cluster.Query(new OverviewQuery()).Rows;
        Assert.DoesNotContain(rows, row => row.Row.Pid == pid);
        Assert.Single(rows);
    }

    [Fact]
    public async Task TickAsync_NodeStopsRenewing_ItAndItsRowsLeaveTheViewWithinFifteenSeconds()
    {
        // Arrange
        await _b.Node.SpawnWithQueueAsync(0);
        await ConvergeAsync();
        Assert.Contains(_a.Cluster.Nodes, node => node.Info.Name == "node-b");

        // Act: B is killed (no deregistration); A keeps ticking.
        var gone = TimeSpan.Zero;
        while (_a.Cluster.Nodes.Any(node => node.Info.Name == "node-b") && gone < TimeSpan.FromSeconds(30))
        {
            _time.Advance(_a.Options.PublishInterval);
            gone += _a.Options.PublishInterval;
            await _a.TickAsync();
        }

        // Assert
        Assert.InRange(gone, _a.Options.MembershipTtl - _a.Options.RenewInterval, TimeSpan.FromSeconds(15));
        Assert.All(_a.Cluster.Query(new OverviewQuery()).Rows, row => Assert.Equal("node-a", row.Node));
    }

    [Fact]
    public async Task OnDelta_ADeltaWasLost_TheNodeIsReadAgainFromItsSnapshot()
    {
        // Arrange
        await _b.Node.SpawnWithQueueAsync(0);
        await ConvergeAsync();
        _store.DropDeliveries = true;
        await _b.Node.SpawnWithQueueAsync(0);
        await _b.TickAsync(); // A misses this delta
        _store.DropDeliveries = false;
        await _b.Node.SpawnWithQueueAsync(0);

        // Act: the next delta shows A the gap; A's next tick reads B's snapshot.
        await _b.TickAsync();
        await _a.TickAsync();
        _time.Advance(_a.Node.Options.RefreshInterval);

        // Assert
        Assert.Equal(3, _a.Cluster.Query(new OverviewQuery()).Rows.Count(row => row.Node == "node-b"));
    }

    [Fact]
    public async Task TickAsync_StoreDown_ShowsThisNodeOnlyWithOneWarning_AndRecoversWithOneInformation()
    {
        // Arrange
        await _a.Node.SpawnWithQueueAsync(0);
        await _b.Node.SpawnWithQueueAsync(0);
        await ConvergeAsync();

        // Act: three ticks while Redis is down.
        _store.Available = false;
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(_a.Options.PublishInterval);
            await _a.TickAsync();
        }

        // Assert
        Assert.True(_a.Cluster.Degraded);
        Assert.Equal(["node-a"], _a.Cluster.Nodes.Select(node => node.Info.Name));
        Assert.Equal(["node-a"], _a.Cluster.Query(new OverviewQuery()).Rows.Select(row => row.Node));
        Assert.Equal(1, _a.Cluster.Totals.LiveActors);
        var warning = Assert.Single(_a.Log.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Null(warning.Error);

        // Act: Redis is back.
        _store.Available = true;
        await ConvergeAsync();

        // Assert
        Assert.False(_a.Cluster.Degraded);
        Assert.Equal(["node-a", "node-b"], _a.Cluster.Nodes.Select(node => node.Info.Name));
        Assert.Equal(2, _a.Cluster.Totals.LiveActors);
        Assert.Equal([LogLevel.Warning, LogLevel.Information], _a.Log.Entries.Select(entry => entry.Level));
    }

    [Fact]
    public async Task HeartbeatAge_RemoteRow_IsTheAgeOnItsNode()
    {
        // Arrange: B's actor gets a heartbeat, then 3 s pass.
        var (pid, _) = await _b.Node.SpawnWithQueueAsync(0);
        await _b.Node.System.CallAsync(pid, new global::Dashboard.Heartbeats.HeartbeatRequest(1, global::Dashboard.Heartbeats.CallOrigin.Heartbeat), TimeSpan.FromSeconds(5));
        await ConvergeAsync();
        _time.Advance(TimeSpan.FromSeconds(3));

        // Act
        var row = _a.Cluster.Query(new OverviewQuery()).Rows.Single(row => row.Node == "node-b");

        // Assert
        var onB = _b.Node.Service.HeartbeatAge(_b.Node.Service.Snapshot().Single())!.Value;
        var onA = _a.Cluster.HeartbeatAge(row)!.Value;
        Assert.InRange(onB, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5));
        Assert.InRange((onA - onB).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1)); // wall-clock milliseconds on the wire
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private Task ConvergeAsync() => ClusterNode.ConvergeAsync(_a, _b);
}

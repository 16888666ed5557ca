using ActorRuntime;
using Dashboard.Heartbeats;
using Dashboard.Overview;
using TestSupport;

namespace Unit.Dashboard.Overview;

public sealed class OverviewServiceTests : IAsyncLifetime
{
    private readonly OverviewNode _node = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Query_DefaultOrder_PutsTheDeepestMailboxFirst()
    {
        // Arrange
        var (idle, _) = await _node.SpawnWithQueueAsync(0);
        var (deep, _) = await _node.SpawnWithQueueAsync(5);
        var (shallow, _) = await _node.SpawnWithQueueAsync(2);
        _node.Service.Refresh();

        // Act
        var page = _node.Service.Query(new OverviewQuery());

        // Assert
        Assert.Equal([deep, shallow, idle], page.Rows.Select(row => row.Pid));
        Assert.Equal([5, 2, 0], page.Rows.Select(row => row.QueueDepth));
        Assert.Equal(3, page.TotalRows);
    }

    [Fact]
    public async Task Query_ByPid_SortsBothWays()
    {
        // Arrange
        var pids = new List<Pid>();
        for (var i = 0; i < 4; i++)
        {
            pids.Add((await _node.SpawnWithQueueAsync(i % 2)).Pid);
        }

        _node.Service.Refresh();

        // Act
        var ascending = _node.Service.Query(new OverviewQuery(OverviewColumn.Pid, Descending: false));
        var descending = _node.Service.Query(new OverviewQuery(OverviewColumn.Pid, Descending: true));

        // Assert
        Assert.Equal(pids, ascending.Rows.Select(row => row.Pid));
        Assert.Equal(Enumerable.Reverse(pids), descending.Rows.Select(row => row.Pid));
    }

    [Fact]
    public async Task Query_FilteredByOwner_ListsOnlyThatOwnersActors()
    {
        // Arrange
        var (tab, _) = await _node.SpawnWithQueueAsync(1, owner: "tab");
        var (hubA, _) = await _node.SpawnWithQueueAsync(3, owner: "hub");
        var (hubB, _) = await _node.SpawnWithQueueAsync(2, owner: "hub");
        await _node.SpawnWithQueueAsync(0, owner: "virtual");
        _node.Service.Refresh();

        // Act
        var hubs = _node.Service.Query(new OverviewQuery(Owner: "HUB"));
        var tabs = _node.Service.Query(new OverviewQuery(Owner: "tab"));

        // Assert
        Assert.Equal([hubA, hubB], hubs.Rows.Select(row => row.Pid));
        Assert.All(hubs.Rows, row => Assert.Equal("hub", row.Owner));
        Assert.Equal(2, hubs.TotalRows);
        Assert.Equal(tab, Assert.Single(tabs.Rows).Pid);
    }

    [Fact]
    public async Task Query_SecondPage_ReturnsTheRemainingRowsAndTheFullCount()
    {
        // Arrange
        for (var i = 0; i < 7; i++)
        {
            await _node.SpawnWithQueueAsync(0);
        }

        _node.Service.Refresh();

        // Act
        var first = _node.Service.Query(new OverviewQuery(OverviewColumn.Pid, false, Page: 0, PageSize: 3));
        var last = _node.Service.Query(new OverviewQuery(OverviewColumn.Pid, false, Page: 2, PageSize: 3));

        // Assert
        Assert.Equal(3, first.Rows.Count);
        Assert.Single(last.Rows);
        Assert.Equal(7, last.TotalRows);
        Assert.True(first.Rows[^1].Pid.Id < last.Rows[0].Pid.Id);
    }

    [Fact]
    public async Task Refresh_WhenNothingChanged_ReadsNoActor()
    {
        // Arrange
        for (var i = 0; i < 5; i++)
        {
            await _node.SpawnWithQueueAsync(0);
        }

        Assert.Equal(5, _node.Service.Refresh());

        // Act
        var reread = _node.Service.Refresh();

        // Assert
        Assert.Equal(0, reread);
    }

    [Fact]
    public async Task Refresh_AfterAMessage_RereadsOnlyThatActor()
    {
        // Arrange
        var (busy, actor) = await _node.SpawnWithQueueAsync(2);
        await _node.SpawnWithQueueAsync(0);
        await _node.SpawnWithQueueAsync(0);
        _node.Service.Refresh();

        // Act
        _node.System.Send(busy, "one more");
        var reread = _node.Service.Refresh();

        // Assert
        Assert.Equal(1, reread);
        Assert.Equal(3, _node.Service.Totals.QueueDepth);
        actor.Open();
    }

    [Fact]
    public async Task Totals_CountLiveActorsAndQueueDepth_AndForgetStoppedActors()
    {
        // Arrange
        await _node.SpawnWithQueueAsync(4);
        var (doomed, gate) = await _node.SpawnWithQueueAsync(3);
        _node.Service.Refresh();
        Assert.Equal(7, _node.Service.Totals.QueueDepth);

        // Act: it stops after the callback it is in; its queued messages die with it
        var stopping = _node.System.StopAsync(doomed);
        gate.Open();
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));
        _node.Service.Refresh();

        // Assert
        var totals = _node.Service.Totals;
        Assert.Equal(1, totals.LiveActors);
        Assert.Equal(1_000, totals.MaxActors);
        Assert.Equal(4, totals.QueueDepth);
        Assert.Single(_node.Service.Query(new OverviewQuery()).Rows);
    }

    [Fact]
    public async Task Totals_AfterASampleInterval_ReportCallsAndTimeoutsPerSecond()
    {
        // Arrange
        var (pid, _) = await _node.SpawnWithQueueAsync(0);
        for (var i = 0; i < 6; i++)
        {
            await _node.System.CallAsync(pid, i, TimeSpan.FromSeconds(5));
        }

        var silent = _node.System.CallAsync(pid, GateActor.Silent, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => _node.System.GetInfo(pid)!.DeferredCalls == 1, "the call to be deferred");

        // Act
        _node.Time.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<CallTimeoutException>(() => silent);
        _node.Service.Refresh();

        // Assert: 7 calls and 1 timeout over 2 s
        var totals = _node.Service.Totals;
        Assert.Equal(3.5, totals.CallsPerSecond, precision: 6);
        Assert.Equal(0.5, totals.TimeoutsPerSecond, precision: 6);
        var sample = Assert.Single(_node.Service.History.Snapshot());
        Assert.Equal(new TotalsSample(1, 3.5, 0, 0.5), sample);
    }

    [Fact]
    public void History_SamplesOncePerSampleInterval_AndKeepsOnlyTheWindow()
    {
        // Arrange: 2 s samples over 10 s keep 5 points
        var options = new OverviewOptions { SampleInterval = TimeSpan.FromSeconds(2), History = TimeSpan.FromSeconds(10) };
        using var service = new OverviewService(_node.System, _node.Directory, Microsoft.Extensions.Options.Options.Create(options));

        // Act: 20 refreshes half a second apart = 10 s
        for (var i = 0; i < 20; i++)
        {
            _node.Time.Advance(TimeSpan.FromMilliseconds(500));
            service.Refresh();
        }

        // Assert
        Assert.Equal(5, service.History.Capacity);
        Assert.Equal(5, service.History.Snapshot().Length);
    }

    [Fact]
    public async Task Query_ByHeartbeatAge_PutsTheOldestHeartbeatFirstAndNeverOnTop()
    {
        // Arrange
        var (never, _) = await _node.SpawnWithQueueAsync(0);
        var (old, _) = await _node.SpawnWithQueueAsync(0);
        var (recent, _) = await _node.SpawnWithQueueAsync(0);
        await _node.System.CallAsync(old, new HeartbeatRequest(1, CallOrigin.Heartbeat), TimeSpan.FromSeconds(5));
        _node.Time.Advance(TimeSpan.FromSeconds(3));
        await _node.System.CallAsync(recent, new HeartbeatRequest(2, CallOrigin.Heartbeat), TimeSpan.FromSeconds(5));
        _node.Time.Advance(TimeSpan.FromSeconds(1));
        _node.Service.Refresh();

        // Act
        var page = _node.Service.Query(new OverviewQuery(OverviewColumn.HeartbeatAge, Descending: true));

        // Assert
        Assert.Equal([never, old, recent], page.Rows.Select(row => row.Pid));
        Assert.Null(_node.Service.HeartbeatAge(page.Rows[0]));
        Assert.Equal(TimeSpan.FromSeconds(4), _node.Service.HeartbeatAge(page.Rows[1]));
        Assert.Equal(TimeSpan.FromSeconds(1), _node.Service.HeartbeatAge(page.Rows[2]));
    }

    [Fact]
    public async Task Query_RowsOfThePage_AreReadFresh()
    {
        // Arrange
        var (pid, actor) = await _node.SpawnWithQueueAsync(2);
        _node.Service.Refresh();

        // Act: two more messages arrive after the refresh
        _node.System.Send(pid, "a");
        _node.System.Send(pid, "b");
        var row = Assert.Single(_node.Service.Query(new OverviewQuery()).Rows);

        // Assert
        Assert.Equal(4, row.QueueDepth);
        actor.Open();
    }
}

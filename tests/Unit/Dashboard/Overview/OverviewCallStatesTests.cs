using Dashboard.Heartbeats;
using Dashboard.Hubs;
using Dashboard.Overview;
using Dashboard.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TestSupport;
using Unit.Dashboard.Cluster;

namespace Unit.Dashboard.Overview;

/// <summary>The overview's rows (and the hub's overview rows) carry the call states: timeout kinds, expired calls, cancelled work.</summary>
public sealed class OverviewCallStatesTests : IAsyncLifetime
{
    private readonly ClusterNode _cluster;
    private readonly OverviewNode _node;
    private ActorSession _session = null!;

    public OverviewCallStatesTests()
    {
        _cluster = new ClusterNode("node-a", store: null, new FakeTimeProvider());
        _node = _cluster.Node;
    }

    public Task InitializeAsync()
    {
        var options = new HeartbeatActorOptions { FloodMessageCost = TimeSpan.Zero };
        _session = new ActorSession(_node.System, Options.Create(options), _node.Directory, NullLogger<ActorSession>.Instance);
        Assert.True(_session.TryStart(OwnerKind.Tab));
        _session.Configure(_session.Worker.Settings with { Jitter = 0 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Query_AfterAQueuedAndADeferredTimeout_RowCountsEachKindTheExpiredCallAndTheCancelledWork()
    {
        // A call queued behind a 3 s handler times out while queued, and is skipped when the actor reaches it.
        _session.Configure(_session.Worker.Settings with { HandlerDelay = TimeSpan.FromSeconds(3) });
        var slow = _session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(30));
        await Until.TrueAsync(() => _session.Tracker.Snapshot().Calls.Single().HandlingAt != 0, "the first call to be in the slow handler");
        var queued = _session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
        _node.Time.Advance(TimeSpan.FromSeconds(1));
        await queued.WaitAsync(TimeSpan.FromSeconds(15));
        _node.Time.Advance(TimeSpan.FromSeconds(2));
        await Until.TrueAsync(() => _session.Tracker.Counters.Expired == 1, "the queued call to be skipped");

        // A call whose 1 s timeout passes during 5 s of work times out while deferred; its job stops.
        _session.Configure(_session.Worker.Settings with { HandlerDelay = TimeSpan.Zero, Latency = TimeSpan.FromSeconds(5) });
        var deferred = _session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => _session.Tracker.Snapshot().Calls[0].DeferredAt != 0, "the call to be deferred"); // NoReply returned: a timeout now is "while deferred", not "in the handler"
        _node.Time.Advance(TimeSpan.FromSeconds(1));
        await deferred.WaitAsync(TimeSpan.FromSeconds(15));
        await Until.TrueAsync(() => _session.Worker.Cancelled == 1, "the deferred call's job to stop");
        _node.Service.Refresh();

        var row = Assert.Single(_node.Service.Query(new OverviewQuery()).Rows);
        var dto = HubMapping.ToOverview(_cluster.Cluster, top: 10, DateTimeOffset.UnixEpoch).Busiest.Single();

        Assert.Equal((2, 1, 0, 1), (row.Timeouts, row.TimeoutsQueued, row.TimeoutsInHandler, row.TimeoutsDeferred));
        Assert.Equal((1, 1), (row.Expired, row.CancelledWork));
        Assert.Equal((2, 1, 0, 1, 1, 1), (dto.Timeouts, dto.TimeoutsQueued, dto.TimeoutsInHandler, dto.TimeoutsDeferred, dto.Expired, dto.CancelledWork));
        Assert.True((await slow.WaitAsync(TimeSpan.FromSeconds(15))).Ok); // the slow handler's own call got its answer meanwhile
    }
}

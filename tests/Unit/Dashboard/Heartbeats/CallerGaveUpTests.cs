using ActorRuntime;
using Dashboard.Heartbeats;
using Dashboard.Hubs;
using Dashboard.Services;
using TestSupport;

namespace Unit.Dashboard.Heartbeats;

/// <summary>The callee is told its caller gave up: the job stops, never reports back, and no late reply is made for it.</summary>
public sealed class CallerGaveUpTests : IAsyncLifetime
{
    private readonly SessionHarness _harness = new();

    private ActorSession Session => _harness.Session;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Request_CallerTimesOut_JobStopsItsCompletionNeverArrivesAndNoLateReplyIsCounted()
    {
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(2) });
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Calls[0].DeferredAt != 0, "the call to be deferred"); // NoReply returned: a timeout now is "while deferred", not "in the handler"

        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(15));
        await Until.TrueAsync(() => Session.Worker.Cancelled == 1, "the job to stop");
        _harness.Time.Advance(TimeSpan.FromSeconds(2)); // past the moment the job would have reported
        var barrier = await RoundTripAsync(); // a later call through the same mailbox: anything sent before it is handled

        Assert.Equal(TimeoutKind.Deferred, outcome.TimeoutKind);
        Assert.True(barrier.Ok);
        var stats = Session.Worker.Snapshot();
        Assert.Equal((0, 1, 1), (stats.InFlight, stats.Succeeded, stats.Cancelled)); // only the barrier's job reported
        var snapshot = Session.Tracker.Snapshot();
        Assert.Equal((0, 1), (snapshot.Counters.LateReplies, snapshot.Counters.CancelledWork));
        Assert.Equal(0, _harness.System.GetInfo(Session.Pid!.Value)!.LateReplies);
        var record = snapshot.Calls.Single(c => c.CallId == outcome.CallId);
        Assert.NotEqual(0, record.WorkCancelledAt);
        Assert.Equal(0, record.ExternalDoneAt); // step 5 never happened
        Assert.Equal(0, record.LateReplyAt);
    }

    [Fact]
    public async Task Request_CallerCancels_JobStops()
    {
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(2) });
        using var giveUp = new CancellationTokenSource();
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(10), giveUp.Token);
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the external job to start");

        await giveUp.CancelAsync();
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(15));
        await Until.TrueAsync(() => Session.Worker.Cancelled == 1, "the job to stop");

        Assert.Equal(CallOutcomeKind.Cancelled, outcome.Kind);
        Assert.Equal(0, Session.Worker.InFlight);
        Assert.Equal(1, Session.Tracker.Snapshot().Counters.CancelledWork);
    }

    [Fact]
    public async Task Request_CallerTimesOut_ActorForgetsTheCallerAtOnce()
    {
        var pid = Session.Pid!.Value;
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(2) });
        var handledBefore = _harness.System.GetInfo(pid)!.MessagesHandled;
        var first = _harness.System.CallAsync<HeartbeatReply>(pid, new HeartbeatRequest(7, CallOrigin.Manual), TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the external job to start");

        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<CallTimeoutException>(() => first.WaitAsync(TimeSpan.FromSeconds(15)));
        await Until.TrueAsync(() => _harness.System.GetInfo(pid)!.MessagesHandled == handledBefore + 2, "the actor to handle the call and then WorkCancelled");

        // Had the actor kept call 7's From, a new call 7 would be refused as "already waiting"; it is taken and answered.
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromMilliseconds(200) });
        var again = _harness.System.CallAsync<HeartbeatReply>(pid, new HeartbeatRequest(7, CallOrigin.Manual), TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => Session.Worker.Snapshot().Started == 2, "the second call 7 to start its job");
        _harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        var answer = await again.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True(answer.Ok, answer.Message);
        Assert.Equal(7, answer.CallId);
        Assert.Equal(1, Session.Worker.Cancelled);
    }

    [Fact]
    public async Task Request_NaiveActorCallerTimesOut_JobRunsOn()
    {
        await Session.SwitchModeAsync(ActorMode.Naive);
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(2) });
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the external job to start");

        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await call.WaitAsync(TimeSpan.FromSeconds(15));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Counters.LateReplies == 1, "the naive actor's late reply");

        Assert.Equal((0, 1L), (Session.Worker.Snapshot().Cancelled, Session.Worker.Snapshot().Succeeded));
    }

    [Fact]
    public async Task Crash_WithJobsInFlight_JobsRunOnAndTheirResultsCountAsADeadIncarnations()
    {
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(1) });
        var burst = Session.BurstAsync(3);
        await Until.TrueAsync(() => Session.Worker.InFlight == 3, "three external jobs to start");

        Session.Crash();
        var outcomes = await burst.WaitAsync(TimeSpan.FromSeconds(15)); // they fail with the crash: the actor exited, not the caller
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Counters.Restarts == 1, "the restart");
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Counters.DeadIncarnationResults == 3, "the three late results of the dead incarnation");
        var after = await RoundTripAsync(); // the new incarnation answers its own callers

        Assert.All(outcomes, outcome => Assert.Equal(CallOutcomeKind.ActorExited, outcome.Kind));
        Assert.True(after.Ok);
        Assert.Equal(0, Session.Worker.Cancelled); // the actor's exit is not its callers giving up
        var snapshot = Session.Tracker.Snapshot();
        Assert.Equal(0, snapshot.Counters.LateReplies); // nobody replied to them: the new incarnation does not know them
        Assert.All(snapshot.Calls.Where(c => outcomes.Any(o => o.CallId == c.CallId)), c => Assert.NotEqual(0, c.DeadIncarnationAt));
        Assert.Equal(3, snapshot.Counters.DeadIncarnationResults);
    }

    /// <summary>A call that replies: 200 ms of external latency on the fake clock.</summary>
    private async Task<CallOutcomeView> RoundTripAsync()
    {
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromMilliseconds(200) });
        var started = Session.Worker.Snapshot().Started;
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => Session.Worker.Snapshot().Started == started + 1, "the round trip's job to start");
        _harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        return await call.WaitAsync(TimeSpan.FromSeconds(15));
    }
}

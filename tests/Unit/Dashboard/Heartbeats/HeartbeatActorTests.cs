using Dashboard.Heartbeats;
using Dashboard.Services;
using TestSupport;

namespace Unit.Dashboard.Heartbeats;

public sealed class HeartbeatActorTests : IAsyncLifetime
{
    private readonly SessionHarness _harness = new();

    private ActorSession Session => _harness.Session;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Request_ExternalWorkReportsBack_CallerGetsItsOwnAnswer()
    {
        var call = Session.RequestAsync(CallOrigin.Manual);
        // The job starts inside HandleCallAsync; the call counts as deferred once it has returned NoReply.
        await Until.TrueAsync(
            () => Session.Worker.InFlight == 1 && _harness.System.GetInfo(Session.Pid!.Value)!.DeferredCalls == 1,
            "the external job to start and the call to be deferred");

        _harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(CallStage.Replied, outcome.Stage);
        Assert.Contains("pong after 200 ms", outcome.Text);
        Assert.Equal(1, Session.Tracker.Snapshot().Counters.Replies);
    }

    [Fact]
    public async Task TwoOverlappingCallers_CorrectActor_EachGetsItsOwnAnswer()
    {
        var outcomes = await RunTwoOverlappingCallsAsync();

        Assert.All(outcomes, outcome => Assert.Equal(CallStage.Replied, outcome.Stage));
        Assert.Equal(0, Session.Tracker.Snapshot().Counters.Misrouted);
    }

    [Fact]
    public async Task TwoOverlappingCallers_NaiveActor_MisroutesOneAndStrandsTheOther()
    {
        await Session.SwitchModeAsync(ActorMode.Naive);

        var outcomes = await RunTwoOverlappingCallsAsync();

        // The first job's answer went to the second caller; the first caller waited until its timeout.
        Assert.Equal(CallStage.TimedOut, outcomes[0].Stage);
        Assert.Equal(CallStage.Misrouted, outcomes[1].Stage);
        Assert.Contains($"call #{outcomes[0].CallId}", outcomes[1].Text);
        Assert.Equal(1, Session.Tracker.Snapshot().Counters.Misrouted);
    }

    [Fact]
    public async Task Request_NaiveLatencyAboveTimeout_TimesOutThenLateReplyIsDroppedAndCounted()
    {
        // The naive actor does not stop the work of a caller who gave up, so its result comes late (the correct
        // actor stops it instead: see CallerGaveUpTests).
        await Session.SwitchModeAsync(ActorMode.Naive);
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(2) });
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Calls[0].DeferredAt != 0, "the call to be deferred"); // NoReply returned: a timeout now is "while deferred", not "in the handler"

        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(15));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Counters.LateReplies == 1, "the late reply to be counted");

        Assert.Equal(CallStage.TimedOut, outcome.Stage);
        Assert.Contains("while deferred", outcome.Text);
        var record = Assert.Single(Session.Tracker.Snapshot().Calls);
        Assert.NotEqual(0, record.LateReplyAt);
        Assert.Equal(1, _harness.System.GetInfo(Session.Pid!.Value)!.LateReplies);
    }

    [Fact]
    public async Task Crash_WithWaitingCallers_FailsThemAtOnceAndRestartsUnderTheSamePid()
    {
        var pid = Session.Pid;
        var burst = Session.BurstAsync(5);
        await Until.TrueAsync(() => Session.Worker.InFlight == 5, "five external jobs to start");

        Session.Crash();
        var outcomes = await burst.WaitAsync(TimeSpan.FromSeconds(15)); // no time advanced: they fail, not time out
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Counters.Restarts == 1, "the restart");

        Assert.All(outcomes, outcome => Assert.StartsWith("actor exited: crash: SimulatedCrashException", outcome.Text));
        Assert.Equal(pid, Session.Pid);
        var counters = Session.Tracker.Snapshot().Counters;
        Assert.Equal(1, counters.Crashes);
        Assert.Equal(5, counters.Errors);
    }

    [Fact]
    public async Task Restart_ResultsOfCallsFromBeforeTheCrash_ReachNobodyAndTheNewCallerGetsItsOwn()
    {
        var before = Session.RequestAsync(CallOrigin.Manual);
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the first job to start");
        Session.Crash();
        Assert.StartsWith("actor exited", (await before.WaitAsync(TimeSpan.FromSeconds(15))).Text);
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Counters.Restarts == 1, "the restart");

        var after = Session.RequestAsync(CallOrigin.Manual);
        await Until.TrueAsync(() => Session.Worker.InFlight == 2, "the second job to start beside the first");
        _harness.Time.Advance(TimeSpan.FromMilliseconds(200)); // both jobs report: the restarted actor knows only the second
        var outcome = await after.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal((CallStage.Replied, outcome.CallId), (outcome.Stage, outcome.AnsweredWith!.Value));
    }

    [Fact]
    public async Task Request_ExternalFailure_EndsAsAnError()
    {
        Session.Configure(Session.Worker.Settings with { FailureRate = 1 });
        var call = Session.RequestAsync(CallOrigin.Manual);
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the external job to start");

        _harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(CallStage.Error, outcome.Stage);
        Assert.Equal("external work failed", outcome.Text);
        Assert.Equal(1, Session.Worker.Snapshot().Failed);
    }

    [Fact]
    public async Task HandleCall_CallIdAlreadyWaiting_RefusesTheNewcomerAndStillAnswersTheFirst()
    {
        // The call id keys the kept From: a client that reuses one must not take over the first caller's From.
        var pid = Session.Pid!.Value;
        var first = _harness.System.CallAsync<HeartbeatReply>(pid, new HeartbeatRequest(7, CallOrigin.Manual), TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the first job to start");

        var duplicate = await _harness.System.CallAsync<HeartbeatReply>(pid, new HeartbeatRequest(7, CallOrigin.Manual), TimeSpan.FromSeconds(5));
        _harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        var answer = await first.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.False(duplicate.Ok);
        Assert.Contains("already waiting", duplicate.Message);
        Assert.Equal(1, Session.Worker.Snapshot().Started);
        Assert.True(answer.Ok);
        Assert.Equal(7, answer.CallId);
    }

    private async Task<CallOutcomeView[]> RunTwoOverlappingCallsAsync()
    {
        var first = Session.RequestAsync(CallOrigin.Burst, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the first job to start");
        var second = Session.RequestAsync(CallOrigin.Burst, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Worker.InFlight == 2, "the second job to start");

        _harness.Time.Advance(TimeSpan.FromMilliseconds(200)); // both jobs report back, the first one first
        await Until.TrueAsync(() => Session.Worker.Snapshot().Succeeded == 2, "both jobs to report");
        await Until.TrueAsync(() => _harness.System.GetInfo(Session.Pid!.Value)!.MessagesHandled >= 4, "the actor to handle both results");
        _harness.Time.Advance(TimeSpan.FromSeconds(1)); // anyone still waiting times out now
        return await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(15));
    }
}

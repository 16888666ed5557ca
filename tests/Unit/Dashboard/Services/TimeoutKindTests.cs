using System.Text.Json;
using ActorRuntime;
using Dashboard.Heartbeats;
using Dashboard.Hubs;
using Dashboard.Services;
using TestSupport;

namespace Unit.Dashboard.Services;

/// <summary>Timeouts in three kinds: where the call was when its caller's timeout passed, counted apart and shown with their hint.</summary>
public sealed class TimeoutKindTests : IAsyncLifetime
{
    private readonly SessionHarness _harness = new();

    private ActorSession Session => _harness.Session;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Request_QueuedBehindASlowHandler_TimesOutWhileQueuedAndIsThenSkippedAsExpired()
    {
        Session.Configure(Session.Worker.Settings with { HandlerDelay = TimeSpan.FromSeconds(3) });
        var slow = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(10));
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Calls.Single().HandlingAt != 0, "the first call to be in the handler");
        var queued = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));

        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await queued.WaitAsync(TimeSpan.FromSeconds(15));
        _harness.Time.Advance(TimeSpan.FromSeconds(2)); // the slow handler returns; the actor reaches the queued call and skips it
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Counters.Expired == 1, "the expired call to be skipped");

        Assert.Equal(TimeoutKind.Queued, outcome.TimeoutKind);
        Assert.Equal("timed out after 1000 ms while queued", outcome.Text);
        var snapshot = Session.Tracker.Snapshot();
        Assert.Equal((1, 1, 0, 0), (snapshot.Counters.Timeouts, snapshot.Counters.TimeoutsQueued, snapshot.Counters.TimeoutsInHandler, snapshot.Counters.TimeoutsDeferred));
        var record = snapshot.Calls.Single(c => c.CallId == outcome.CallId);
        Assert.Equal(0, record.HandlingAt); // never taken: skipped
        Assert.NotEqual(0, record.ExpiredAt);
        Assert.Equal(1, _harness.System.GetInfo(Session.Pid!.Value)!.Expired); // the runtime's own count agrees
        Assert.False(slow.IsCompleted);
    }

    [Fact]
    public async Task Request_LatencyAboveTimeout_TimesOutWhileDeferred()
    {
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(2) });
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Calls.Single().DeferredAt != 0, "the call to be deferred");

        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(TimeoutKind.Deferred, outcome.TimeoutKind);
        Assert.Equal("timed out after 1000 ms while deferred", outcome.Text);
        Assert.Equal((1, 1), (Session.Tracker.Snapshot().Counters.Timeouts, Session.Tracker.Snapshot().Counters.TimeoutsDeferred));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    public async Task Request_HandlerSlowerThanTimeout_EndsWhileTheHandlerRunsAndItsJobIsCancelledAtOnce(int latencyMs)
    {
        Session.Configure(Session.Worker.Settings with { HandlerDelay = TimeSpan.FromSeconds(2), Latency = TimeSpan.FromMilliseconds(latencyMs) });
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Calls.Single().HandlingAt != 0, "the call to be in the handler");

        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(15));
        var record = Session.Tracker.Snapshot().Calls.Single();
        _harness.Time.Advance(TimeSpan.FromSeconds(1)); // the handler starts the job with a token that has already fired
        await Until.TrueAsync(() => Session.Worker.Cancelled == 1, "the job of a caller already gone to stop");

        Assert.Equal(TimeoutKind.InHandler, outcome.TimeoutKind);
        Assert.Equal("timed out after 1000 ms while in the handler", outcome.Text);
        Assert.Equal(0, record.DeferredAt); // the handler had not returned NoReply when the caller gave up
        var counters = Session.Tracker.Snapshot().Counters;
        Assert.Equal((1, 1, 0), (counters.Timeouts, counters.TimeoutsInHandler, counters.LateReplies));
        Assert.Equal(1, _harness.System.GetInfo(Session.Pid!.Value)!.TimeoutsWhileHandling); // the runtime's own count agrees
    }

    [Theory]
    [InlineData(TimeoutKind.Queued, "timed out after 250 ms while queued", "mailbox congestion: the call expired in the queue")]
    [InlineData(TimeoutKind.InHandler, "timed out after 250 ms while in the handler", "the handler itself was still running")]
    [InlineData(TimeoutKind.Deferred, "timed out after 250 ms while deferred", "NoReply, never answered in time")]
    public void TimedOut_EachKind_HasItsTextAndHint(TimeoutKind kind, string text, string hint)
    {
        var outcome = CallOutcomeView.TimedOut(3, kind, TimeSpan.FromMilliseconds(250));

        Assert.Equal((CallOutcomeKind.Timeout, CallStage.TimedOut, text), (outcome.Kind, outcome.Stage, outcome.Text));
        Assert.Equal(hint, TimeoutKinds.Hint(kind));
    }

    [Theory]
    [InlineData(CallTimeoutKind.WhileQueued, TimeoutKind.Queued)]
    [InlineData(CallTimeoutKind.WhileHandling, TimeoutKind.InHandler)]
    [InlineData(CallTimeoutKind.WhileDeferred, TimeoutKind.Deferred)]
    public void Failed_RuntimeTimeout_MapsTheRuntimesKind(CallTimeoutKind runtimeKind, TimeoutKind expected)
    {
        var error = new CallTimeoutException(default, new HeartbeatRequest(1, CallOrigin.Manual), TimeSpan.FromSeconds(1), runtimeKind);

        var outcome = CallOutcomeView.Failed(1, error, TimeSpan.FromSeconds(1));

        Assert.Equal(expected, outcome!.TimeoutKind);
    }

    [Fact]
    public void End_EachKind_CountsItApartAndInTheTotal()
    {
        var tracker = new CallTracker(_harness.Time);
        long id = 0;
        foreach (var kind in new[] { TimeoutKind.Queued, TimeoutKind.InHandler, TimeoutKind.InHandler, TimeoutKind.Deferred, TimeoutKind.Deferred, TimeoutKind.Deferred })
        {
            tracker.Begin(++id, CallOrigin.Manual, TimeSpan.FromSeconds(1));
            tracker.End(CallOutcomeView.TimedOut(id, kind, TimeSpan.FromSeconds(1)));
        }

        var counters = tracker.Counters;
        Assert.Equal((6, 1, 2, 3), (counters.Timeouts, counters.TimeoutsQueued, counters.TimeoutsInHandler, counters.TimeoutsDeferred));
    }

    [Theory]
    [InlineData(TimeoutKind.Queued, "queued")]
    [InlineData(TimeoutKind.InHandler, "inHandler")]
    [InlineData(TimeoutKind.Deferred, "deferred")]
    public void ToDto_Timeout_SendsItsKindInCamelCase(TimeoutKind kind, string wire)
    {
        var dto = HubMapping.ToDto(CallOutcomeView.TimedOut(5, kind, TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(1));

        var json = JsonSerializer.Serialize(dto, HeartbeatHubProtocol.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        Assert.Contains($"\"timeoutKind\":\"{wire}\"", json);
        Assert.Contains("\"outcome\":\"timeout\"", json);
    }

    [Fact]
    public void ToDto_Reply_SendsNoTimeoutKind()
    {
        var dto = HubMapping.ToDto(CallOutcomeView.Answered(5, new HeartbeatReply(5, true, "pong", TimeSpan.Zero)), TimeSpan.Zero);

        var json = JsonSerializer.Serialize(dto, HeartbeatHubProtocol.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        Assert.Contains("\"timeoutKind\":null", json);
    }
}

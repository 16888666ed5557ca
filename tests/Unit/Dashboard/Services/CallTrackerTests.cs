using ActorRuntime;
using ActorRuntime.Diagnostics;
using Dashboard.Heartbeats;
using Dashboard.Hubs;
using Dashboard.Services;
using Microsoft.Extensions.Time.Testing;

namespace Unit.Dashboard.Services;

/// <summary>The tracker joins runtime events to calls by the request's CallId alone.</summary>
public sealed class CallTrackerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly CallTracker _tracker;

    public CallTrackerTests() => _tracker = new CallTracker(_time);

    [Fact]
    public void OnEvent_CallEventsOfTheRequest_StampTheCallWithTheSameCallIdWhateverTheRuntimeRequestId()
    {
        _tracker.Begin(7, CallOrigin.Manual, TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Publish(ActorEventKind.CallHandling, new HeartbeatRequest(7, CallOrigin.Manual), requestId: 1234);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Publish(ActorEventKind.CallDeferred, new HeartbeatRequest(7, CallOrigin.Manual), requestId: 1234);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Publish(ActorEventKind.CallReplied, new HeartbeatRequest(7, CallOrigin.Manual), requestId: 99);

        var call = Assert.Single(_tracker.Snapshot().Calls);
        Assert.True(call.SentAt < call.HandlingAt && call.HandlingAt < call.DeferredAt && call.DeferredAt < call.RepliedAt);
        Assert.Equal((1L, CallStage.Deferred), (call.HandlingOrder, call.Stage));
    }

    [Fact]
    public void Begin_MoreCallsThanItRemembers_ForgetsTheOldestButCountsEveryOne()
    {
        for (var id = 1; id <= CallTracker.RecentCapacity + 5; id++)
        {
            _tracker.Begin(id, CallOrigin.Burst, TimeSpan.FromSeconds(1));
        }

        // The oldest call ends after it was forgotten: counted, but no record comes back for it.
        _tracker.End(CallOutcomeView.TimedOut(1, TimeoutKind.Queued, TimeSpan.FromSeconds(1)));

        var snapshot = _tracker.Snapshot();
        Assert.Equal(Enumerable.Range(6, CallTracker.RecentCapacity).Select(id => (long)id), snapshot.Calls.Select(c => c.CallId).Order());
        Assert.Equal((CallTracker.RecentCapacity + 5L, 1L, 1L), (snapshot.Counters.Calls, snapshot.Counters.Timeouts, snapshot.Counters.TimeoutsQueued));
    }

    [Fact]
    public void OnEvent_LateReplyOfAForgottenOrForeignCall_IsCountedButTouchesNoCall()
    {
        _tracker.Begin(7, CallOrigin.Manual, TimeSpan.FromSeconds(1));

        Publish(ActorEventKind.LateReplyDropped, new HeartbeatRequest(8, CallOrigin.Manual));
        Publish(ActorEventKind.LateReplyDropped, "not a heartbeat");
        Publish(ActorEventKind.CallHandling, new HeartbeatRequest(8, CallOrigin.Manual));

        var snapshot = _tracker.Snapshot();
        Assert.Equal(2, snapshot.Counters.LateReplies);
        Assert.Equal((0L, 0L), (snapshot.Calls[0].LateReplyAt, snapshot.Calls[0].HandlingAt));
    }

    [Fact]
    public void End_Outcome_IsKeptOnTheCallAndCountedByItsKind()
    {
        _tracker.Begin(1, CallOrigin.Manual, TimeSpan.FromSeconds(1));
        _tracker.Begin(2, CallOrigin.Manual, TimeSpan.FromSeconds(1));
        _tracker.Begin(3, CallOrigin.Manual, TimeSpan.FromSeconds(1));
        var replied = CallOutcomeView.Answered(1, new HeartbeatReply(1, true, "pong", TimeSpan.Zero));

        _tracker.End(replied);
        _tracker.End(new CallOutcomeView(2, CallOutcomeKind.Timeout, "timed out"));
        _tracker.End(new CallOutcomeView(3, CallOutcomeKind.MailboxFull, "mailbox full (1)"));

        var snapshot = _tracker.Snapshot();
        Assert.Same(replied, snapshot.Calls.Single(c => c.CallId == 1).Outcome);
        Assert.Equal([CallStage.Error, CallStage.TimedOut, CallStage.Replied], snapshot.Calls.Select(c => c.Stage));
        Assert.Equal((1L, 1L, 1L, 1L), (snapshot.Counters.Replies, snapshot.Counters.Timeouts, snapshot.Counters.Errors, snapshot.Latency.Count));
    }

    private void Publish(ActorEventKind kind, object message, long requestId = 1) =>
        _tracker.OnEvent(new ActorEvent { Kind = kind, Pid = new Pid(1), Timestamp = _time.GetTimestamp(), RequestId = requestId, Message = message });
}

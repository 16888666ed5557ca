using Bunit;
using Dashboard.Components.Actors;
using Dashboard.Heartbeats;
using TestSupport;

namespace Unit.Dashboard.Components.Actors;

/// <summary>The call states of issue 18 on the "My actor" panels: cancelled external work, the three timeout kinds with their hints, expired calls, dead incarnations.</summary>
public sealed class CallStatePanelsTests : DashboardTestContext
{
    public CallStatePanelsTests() => RenderInteractively(); // the live rows' patches ride in interactive renders

    [Fact]
    public async Task Panels_CallerTimedOutDuringLongWork_ShowTheCancelledWorkEverywhere()
    {
        var callId = await TimeOutDuringLongWorkAsync();
        var view = Session.Snapshot();

        var counters = Render<CountersPanel>(p => p.Add(x => x.View, view));
        var external = Render<ExternalWorkPanel>(p => p.Add(x => x.View, view));
        var calls = Render<DeferredCallsPanel>(p => p.Add(x => x.View, view));
        var timeline = Render<CallTimeline>(p => p.Add(x => x.View, view));

        Assert.Equal("1", counters.Find("[data-testid=count-cancelled-work]").TextContent);
        Assert.Equal("1", counters.Find("[data-testid=count-timeouts-deferred]").TextContent);
        Assert.Equal("0", counters.Find("[data-testid=count-late-replies]").TextContent);
        Assert.Contains("1 while deferred: NoReply, never answered in time.", counters.Find("[data-testid=timeout-hints]").TextContent);
        Assert.Equal("1", external.Find("[data-testid=external-cancelled]").TextContent);
        var row = Browser(calls).Find($"[data-testid=call-row][data-call-id='{callId}']");
        Assert.Contains("timed out while deferred · external work cancelled (caller gave up)", row.TextContent);
        Assert.Equal("NoReply, never answered in time", row.QuerySelector("[data-testid=call-hint]")!.TextContent);
        var mark = Browser(timeline).Find($"[data-kind=work-cancelled][data-call-id='{callId}']");
        Assert.Contains("external work cancelled (caller gave up)", mark.TextContent);
        Assert.Contains("external work cancelled (caller gave up)", Browser(timeline).Find("[data-testid=timeline-legend]").TextContent);
        Assert.Equal(6, Browser(timeline).FindAll("[data-testid=timeline-legend] .badge").Count); // the six steps, not renumbered
        Assert.Empty(Browser(timeline).FindAll("[data-kind=step-badge][data-step='5']")); // the result never came
    }

    [Fact]
    public async Task CallTimeline_CancelledWork_DetailsListItAfterTheCallersTimeout()
    {
        var callId = await TimeOutDuringLongWorkAsync();
        var timeline = Render<CallTimeline>(p => p.Add(x => x.View, Session.Snapshot()));

        ClickTimelineRow(timeline, callId);

        var rows = Browser(timeline).FindAll("[data-testid=timeline-detail-row]").Select(r => r.TextContent).ToList();
        Assert.Contains("caller gave up: timeout of 1.0 s while deferred (NoReply, never answered in time)", rows[^2]);
        Assert.Contains("external work cancelled (caller gave up)", rows[^1]);
    }

    [Fact]
    public async Task CountersPanel_QueuedTimeoutThenExpired_ShowsTheKindItsHintAndTheExpiredCount()
    {
        Session.Configure(Session.Worker.Settings with { HandlerDelay = TimeSpan.FromSeconds(3) });
        _ = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(10));
        await Until.TrueAsync(() => Session.Tracker.Snapshot().Calls.Single().HandlingAt != 0, "the first call to be in the slow handler");
        var queued = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await queued.WaitAsync(TimeSpan.FromSeconds(15));
        Harness.Time.Advance(TimeSpan.FromSeconds(2));
        await Until.TrueAsync(() => Session.Tracker.Counters.Expired == 1, "the queued call to be skipped");
        var view = Session.Snapshot();

        var counters = Render<CountersPanel>(p => p.Add(x => x.View, view));
        var calls = Render<DeferredCallsPanel>(p => p.Add(x => x.View, view));

        Assert.Equal(("1", "1", "0", "0", "1"), (
            counters.Find("[data-testid=count-timeouts]").TextContent,
            counters.Find("[data-testid=count-timeouts-queued]").TextContent,
            counters.Find("[data-testid=count-timeouts-handler]").TextContent,
            counters.Find("[data-testid=count-timeouts-deferred]").TextContent,
            counters.Find("[data-testid=count-expired]").TextContent));
        Assert.Contains("mailbox congestion: the call expired in the queue", counters.Find("[data-testid=timeout-hints]").TextContent);
        var row = Browser(calls).Find($"[data-testid=call-row][data-call-id='{outcome.CallId}']");
        Assert.Contains("timed out while queued · expired: skipped in the queue", row.TextContent);
    }

    [Fact]
    public async Task CountersPanel_ResultsAfterACrash_ShowsTheDeadIncarnationsResults()
    {
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(1) });
        var burst = Session.BurstAsync(2);
        await Until.TrueAsync(() => Session.Worker.InFlight == 2, "two jobs to start");
        Session.Crash();
        await burst.WaitAsync(TimeSpan.FromSeconds(15));
        await Until.TrueAsync(() => Session.Tracker.Counters.Restarts == 1, "the restart");
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Tracker.Counters.DeadIncarnationResults == 2, "both late results");
        var view = Session.Snapshot();

        var counters = Render<CountersPanel>(p => p.Add(x => x.View, view));
        var timeline = Render<CallTimeline>(p => p.Add(x => x.View, view));

        Assert.Equal("2", counters.Find("[data-testid=count-dead-incarnation-results]").TextContent);
        Assert.Equal(2, Browser(timeline).FindAll("[data-kind=dead-incarnation-result]").Count);
    }

    /// <summary>A call whose 1 s timeout passes while its 5 s job runs; the job stops. Returns its call id.</summary>
    private async Task<long> TimeOutDuringLongWorkAsync()
    {
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(5) });
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
await Until.TrueAsync(() => Session.Tracker.Snapshot().Calls[0].DeferredAt != 0, "the call to be deferred"); // NoReply returned: a timeout now is "while deferred", not "in the handler"
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(15));
        await Until.TrueAsync(() => Session.Tracker.Counters.CancelledWork == 1, "the job to stop");
        return outcome.CallId;
    }
}

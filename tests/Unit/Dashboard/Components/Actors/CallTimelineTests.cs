using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Dashboard.Components.Actors;
using Dashboard.Components.Shared;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Unit.Dashboard.Components.Actors.Timeline;
using static Unit.Dashboard.Components.Actors.Timeline.TimelineCalls;
using TestSupport;

namespace Unit.Dashboard.Components.Actors;

/// <summary>The call timeline as drawn: from known call sequences, and from a real session on a fake clock.</summary>
public sealed partial class CallTimelineTests : DashboardTestContext
{
    public CallTimelineTests() => RenderInteractively(); // the live rows' patches ride in interactive renders

    [Fact]
    public void Render_RepliedCall_DrawsSixNumberedBadgesLeftToRight()
    {
        var cut = Render<CallTimeline>(p => p.Add(x => x.View, ViewOf([Replied(1)], At(400))));

        var badges = Browser(cut).FindAll("[data-kind=step-badge][data-call-id='1']");
        Assert.Equal(["1", "2", "3", "4", "5", "6"], badges.Select(b => b.GetAttribute("data-step")));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], badges.Select(b => b.QuerySelector("text")!.TextContent));
        var xs = badges.Select(X).ToList();
        Assert.Equal(xs.Order(), xs);
        Assert.Equal(6, xs.Distinct().Count());
        Assert.Single(Browser(cut).FindAll("[data-kind=dashed-wait][data-call-id='1']"));
        Assert.Single(Browser(cut).FindAll("[data-kind=shaded-work][data-call-id='1']"));
        Assert.Empty(Browser(cut).FindAll("[data-kind=timeout-mark], [data-kind=late-reply-drop], [data-kind=misrouted-arrow], [data-kind=stranded-wait]"));
    }

    [Fact]
    public void Render_RepliedCall_LegendBadgeTitlesAndDetailsNameTheStepsOfTheOneTable()
    {
        var cut = Render<CallTimeline>(p => p.Add(x => x.View, ViewOf([Replied(1)], At(400))));

        var legend = Browser(cut).Find("[data-testid=timeline-legend]").TextContent;
        Assert.All(DeferredReplySteps.All, step => Assert.Contains(step.Word, legend));
        var titles = Browser(cut).FindAll("[data-kind=step-badge][data-call-id='1']").Select(b => b.QuerySelector("title")?.TextContent);
        Assert.Equal(DeferredReplySteps.All.Select(step => step.Tooltip), titles);
        ClickTimelineRow(cut, 1);
        var details = Browser(cut).FindAll("[data-testid=timeline-detail-row]").Select(r => r.QuerySelector("td")!.TextContent);
        Assert.Equal(DeferredReplySteps.All.Select(step => step.Badge), details);
    }

    [Fact]
    public void Render_NaiveBurst_MarksTheMisroutedAnswerAndTheStrandedCallers()
    {
        var view = ViewOf(NaiveBurstOfThree(), At(1500), ActorMode.Naive);

        var cut = Render<CallTimeline>(p => p.Add(x => x.View, view));

        var misrouted = Browser(cut).Find("[data-kind=misrouted-arrow]");
        Assert.Equal(("1", "3"), (misrouted.GetAttribute("data-call-id"), misrouted.GetAttribute("data-target-call-id")));
        Assert.Equal(["2", "1"], Browser(cut).FindAll("[data-kind=timeout-mark]").Select(m => m.GetAttribute("data-call-id")));
        Assert.Equal(["2", "1"], Browser(cut).FindAll("[data-kind=stranded-wait]").Select(m => m.GetAttribute("data-call-id")));
        Assert.Equal(["false", "true", "true"], Browser(cut).FindAll("[data-testid=timeline-row]").Select(r => r.GetAttribute("data-stranded")));
        Assert.Contains("got #1's answer", Browser(cut).Find("[data-testid=timeline-row][data-call-id='3']").TextContent);
        Assert.Contains("From overwritten by #3", Browser(cut).Find("[data-testid=timeline-row][data-call-id='2']").TextContent);
    }

    [Fact]
    public void Render_TimedOutCallWithLateReply_DrawsTheRedEndMarkAndTheDroppedReply()
    {
        var cut = Render<CallTimeline>(p => p.Add(x => x.View, ViewOf([TimedOut(1, timeoutMs: 1000, doneMs: 2000, lateReply: true)], At(2500))));

        Assert.Single(Browser(cut).FindAll("[data-kind=timeout-mark]"));
        var late = Browser(cut).Find("[data-kind=late-reply-drop]");
        Assert.Equal(2, late.QuerySelectorAll("path").Length); // the arrow and its ×
        Assert.Contains("timed out · late reply dropped", Browser(cut).Find("[data-testid=timeline-row]").TextContent);
    }

    [Fact]
    public void ClickRow_ShowsItsTimestampsAndDurations_ClickAgainHidesThem()
    {
        var cut = Render<CallTimeline>(p => p.Add(x => x.View, ViewOf([Replied(1, latencyMs: 300)], At(400))));

        ClickTimelineRow(cut, 1);

        var details = Browser(cut).Find("[data-testid=timeline-details]");
        Assert.Equal("1", details.GetAttribute("data-call-id"));
        var steps = Browser(cut).FindAll("[data-testid=timeline-detail-row]").Select(r => r.TextContent).ToList();
        Assert.Equal(6, steps.Count);
        Assert.StartsWith("|1|call sent", steps[0]);
        Assert.Contains("|5|external result arrived+300 ms", steps[4]);
        Assert.Contains("caller resumed with its own answer", steps[5]);
        ClickTimelineRow(cut, 1);
        Assert.Empty(Browser(cut).FindAll("[data-testid=timeline-details]"));
    }

    [Fact]
    public void Render_NoCalls_InvitesToMakeOne()
    {
        var cut = Render<CallTimeline>(p => p.Add(x => x.View, ViewOf([], At(0))));

        Assert.Equal("0", Browser(cut).Find("[data-testid=call-timeline]").GetAttribute("data-calls"));
        Assert.Contains("No calls yet", Browser(cut).Find("[data-testid=timeline-empty]").TextContent);
        Assert.Empty(Browser(cut).FindAll("[data-testid=btn-caveats]")); // no handler, no button
    }

    [Fact]
    public async Task Render_RealNaiveSession_StrandsTheFirstCallerLiveThenMarksItsTimeout()
    {
        await Session.SwitchModeAsync(ActorMode.Naive);
        var first = Session.RequestAsync(CallOrigin.Burst, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the first job to start");
        var second = Session.RequestAsync(CallOrigin.Burst, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Worker.InFlight == 2, "the second job to start");
        Harness.Time.Advance(TimeSpan.FromMilliseconds(200)); // both jobs report; the first result goes to the slot: the second caller
        var misrouted = await second.WaitAsync(TimeSpan.FromSeconds(15));

        var cut = Render<CallTimeline>(p => p.Add(x => x.View, Session.Snapshot()));

        Assert.Equal(CallStage.Misrouted, misrouted.Stage);
        var (firstId, secondId) = (misrouted.CallId - 1, misrouted.CallId);
        var hanging = Browser(cut).Find($"[data-kind=stranded-wait][data-call-id='{firstId}']");
        Assert.Contains("live", hanging.GetAttribute("class")); // still waiting, drawn marching
        Assert.Empty(Browser(cut).FindAll("[data-kind=timeout-mark]"));
        var arrow = Browser(cut).Find("[data-kind=misrouted-arrow]");
        Assert.Equal((firstId.ToString(CultureInfo.InvariantCulture), secondId.ToString(CultureInfo.InvariantCulture)),
            (arrow.GetAttribute("data-call-id"), arrow.GetAttribute("data-target-call-id")));

        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CallStage.TimedOut, (await first.WaitAsync(TimeSpan.FromSeconds(15))).Stage);
        cut.Render(p => p.Add(x => x.View, Session.Snapshot()));

        Assert.Equal(firstId.ToString(CultureInfo.InvariantCulture), Browser(cut).Find("[data-kind=timeout-mark]").GetAttribute("data-call-id"));
        Assert.DoesNotContain("live", Browser(cut).Find($"[data-kind=stranded-wait][data-call-id='{firstId}']").GetAttribute("class"));
        Assert.Equal(1, Session.Tracker.Snapshot().Counters.Stranded);
    }

    [Fact]
    public async Task Render_RealCorrectSessionBurst_EveryCallerGetsStepSixAndNothingHangs()
    {
        var burst = Session.BurstAsync(3);
        await Until.TrueAsync(() => Session.Worker.InFlight == 3, "three jobs to start");
        Harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        await burst.WaitAsync(TimeSpan.FromSeconds(15));

        var cut = Render<CallTimeline>(p => p.Add(x => x.View, Session.Snapshot()));

        Assert.Equal(3, Browser(cut).FindAll("[data-kind=arrow][data-step='6']").Count);
        Assert.Equal(3, Browser(cut).FindAll("[data-kind=step-badge][data-step='6']").Count);
        Assert.Empty(Browser(cut).FindAll("[data-kind=timeout-mark], [data-kind=misrouted-arrow], [data-kind=stranded-wait], [data-kind=from-overwritten]"));
        Assert.All(Browser(cut).FindAll("[data-testid=timeline-row]"), row => Assert.Equal("replied", row.GetAttribute("data-stage")));
    }

    [Fact]
    public void Render_NewCallOnTop_WritesOnlyItsRowAndMovesTheOthers()
    {
        CallRecord[] older = [Replied(1, sentMs: 0), Replied(2, sentMs: 2000)];
        var cut = Render<CallTimeline>(p => p.Add(x => x.View, ViewOf(older, At(2400))));
        var written = cut.Instance.RowsWritten;
        var before = Browser(cut).FindAll("[data-testid=timeline-row]").ToDictionary(r => r.GetAttribute("data-call-id")!, r => (r.InnerHtml, Transform: r.GetAttribute("transform")));

        cut.Render(p => p.Add(x => x.View, ViewOf([.. older, Replied(3, sentMs: 4000)], At(4400))));

        Assert.Equal(written + 1, cut.Instance.RowsWritten);
        var after = Browser(cut).FindAll("[data-testid=timeline-row]").ToDictionary(r => r.GetAttribute("data-call-id")!, r => (r.InnerHtml, Transform: r.GetAttribute("transform")));
        Assert.Equal(["3", "2", "1"], after.Keys);
        Assert.All(before, row =>
        {
            Assert.Equal(row.Value.InnerHtml, after[row.Key].InnerHtml); // drawn in row-relative coordinates: nothing inside moved
            Assert.NotEqual(row.Value.Transform, after[row.Key].Transform); // the row moved down as a whole
        });
    }

    [Fact]
    public void Render_SameCallsAgain_SendsTheBrowserNothing()
    {
        var calls = NaiveBurstOfThree();
        var cut = Render<CallTimeline>(p => p.Add(x => x.View, ViewOf(calls, At(5000), ActorMode.Naive)));
        var patches = RecordedRows.Patches.Count;

        cut.Render(p => p.Add(x => x.View, ViewOf(calls, At(5000), ActorMode.Naive)));

        Assert.Equal(3, cut.Instance.RowsWritten);
        Assert.Equal(1, patches);
        Assert.Equal(patches, RecordedRows.Patches.Count);
    }

    [Fact]
    public void SelectRow_MarksTheRowSelectedWithoutWritingItAgain()
    {
        var cut = Render<CallTimeline>(p => p.Add(x => x.View, ViewOf([Replied(1), Replied(2, sentMs: 2000)], At(2400))));

        ClickTimelineRow(cut, 1);

        Assert.Equal(2, cut.Instance.RowsWritten);
        Assert.Equal(["row", "row selected"], Browser(cut).FindAll("[data-testid=timeline-row]").Select(r => r.GetAttribute("class")));
    }

    private static double X(IElement badge) =>
        double.Parse(TranslateX().Match(badge.GetAttribute("transform")!).Groups[1].Value, CultureInfo.InvariantCulture);

    internal static ActorView ViewOf(IReadOnlyList<CallRecord> calls, long now, ActorMode mode = ActorMode.Correct) => new()
    {
        Owner = OwnerKind.Tab,
        Mode = mode,
        State = SessionState.Running,
        Health = HeartbeatHealth.Ok,
        Tracker = new TrackerSnapshot(calls, new ActorCounters(), new LatencyPercentiles(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0), null, 0),
        External = new ExternalWorkStats(0, 0, 0, 0, 0, []),
        Settings = new ExternalWorkSettings(),
        CallTimeout = TimeSpan.FromSeconds(5),
        MailboxHistory = [],
        Now = now,
        Frequency = TimelineCalls.Frequency,
    };

    [GeneratedRegex(@"translate\(([-\d.]+),")]
    private static partial Regex TranslateX();
}

using Dashboard.Components.Actors.Timeline;
using Dashboard.Services;
using static Unit.Dashboard.Components.Actors.Timeline.TimelineCalls;

namespace Unit.Dashboard.Components.Actors.Timeline;

/// <summary>The timeline's geometry for known sequences of calls, as data (no rendering).</summary>
public sealed class TimelineLayoutTests
{
    private const double Width = 1200;

    [Fact]
    public void Build_RepliedCall_NumbersTheSixStepsLeftToRightOnTheirLanes()
    {
        var layout = Build([Replied(1)], now: At(400));

        var row = Assert.Single(layout.Rows);
        var badges = Badges(layout, 1);
        Assert.Equal([1, 2, 3, 4, 5, 6], badges.Select(b => b.Step));
        Assert.All(badges.Zip(badges.Skip(1)), pair => Assert.True(pair.Second.X1 >= pair.First.X1 + TimelineLayout.MinStepGap, $"step {pair.Second.Step} right of step {pair.First.Step}"));
        Assert.Equal([row.CallerY, row.ActorY, row.WorkerY, row.ActorY, row.WorkerY, row.CallerY], badges.Select(b => b.Y1));
        Assert.Equal([1, 3, 5, 6], layout.Shapes.Where(s => s.Kind == ShapeKind.Arrow).Select(s => s.Step).Order());
    }

    [Fact]
    public void Build_RepliedCall_DrawsTheCallersWaitDashedAndTheExternalWorkShaded()
    {
        var layout = Build([Replied(1)], now: At(400));

        var row = layout.Rows[0];
        var badges = Badges(layout, 1).ToDictionary(b => b.Step, b => b.X1);
        var wait = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.DashedWait);
        Assert.Equal((badges[1], badges[6], row.CallerY), (wait.X1, wait.X2, wait.Y1));
        var work = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.ShadedWork);
        Assert.Equal((badges[3], badges[5], row.WorkerY), (work.X1, work.X2, work.Y1));
        Assert.DoesNotContain(layout.Shapes, s => s.Kind is ShapeKind.StrandedWait or ShapeKind.TimeoutMark or ShapeKind.LateReplyDrop
            or ShapeKind.MisroutedArrow or ShapeKind.ErrorMark or ShapeKind.Queued or ShapeKind.Now);
    }

    [Fact]
    public void Build_LongerCall_IsDrawnLongerOnTheSharedScale()
    {
        var layout = Build([Replied(1, 0, latencyMs: 300), Replied(2, 2000, latencyMs: 900)], now: At(3000));

        Assert.Equal(TimeSpan.FromSeconds(1), layout.Domain); // 900 ms rounded up to a round number
        Assert.True(Wait(layout, 2).X2 - Wait(layout, 2).X1 > 2.5 * (Wait(layout, 1).X2 - Wait(layout, 1).X1));
        Assert.Equal(layout.PlotLeft, Wait(layout, 1).X1); // each group starts at time 0
        Assert.Equal(layout.PlotLeft, Wait(layout, 2).X1);
    }

    [Fact]
    public void Build_TimedOutCallWithLateReply_HasARedEndMarkAndADroppedReplyAfterIt()
    {
        var layout = Build([TimedOut(1, timeoutMs: 1000, doneMs: 2000, lateReply: true)], now: At(2500));

        var timeout = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.TimeoutMark);
        var late = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.LateReplyDrop);
        Assert.Equal(layout.Rows[0].CallerY, timeout.Y1);
        Assert.Equal(Wait(layout, 1).X2, timeout.X1);
        Assert.True(late.X2 > timeout.X1, "the reply comes after the caller gave up");
        Assert.Equal(layout.Rows[0].ActorY, late.Y1);
        Assert.DoesNotContain(Badges(layout, 1), b => b.Step == 6); // the caller never received a |6|
        Assert.Equal([1, 2, 3, 4, 5], Badges(layout, 1).Select(b => b.Step));
    }

    [Fact]
    public void Build_TimedOutCallWhoseJobStillRuns_HasATimeoutMarkButNoLateReplyYet()
    {
        var layout = Build([TimedOut(1, timeoutMs: 1000)], now: At(1500));

        Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.TimeoutMark);
        Assert.DoesNotContain(layout.Shapes, s => s.Kind == ShapeKind.LateReplyDrop);
        var work = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.ShadedWork);
        Assert.Equal(layout.Shapes.Single(s => s.Kind == ShapeKind.Now).X1, work.X2); // still running: shaded up to now
        Assert.True(layout.Groups[0].InMotion);
    }

    [Fact]
    public void Build_NaiveBurst_DrawsTheMisroutedAnswerFromItsJobsRowToTheCallerThatGotIt()
    {
        var layout = Build(NaiveBurstOfThree(), now: At(1500));

        var misrouted = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.MisroutedArrow);
        Assert.Equal((1L, 3L), (misrouted.CallId, misrouted.TargetCallId!.Value));
        Assert.Equal(Row(layout, 1).ActorY, misrouted.Y1);
        Assert.Equal(Row(layout, 3).CallerY, misrouted.Y2);
        var receiverStep6 = Assert.Single(Badges(layout, 3), b => b.Step == 6);
        Assert.Equal(receiverStep6.X1, misrouted.X2);
        Assert.DoesNotContain(layout.Shapes, s => s.Kind == ShapeKind.Arrow && s.Step == 6); // nobody got their own answer
        // The later results find the slot empty (#3 was answered already): the naive actor throws them away.
        Assert.Equal([2L, 3L], layout.Shapes.Where(s => s.Kind == ShapeKind.ResultIgnored).Select(s => s.CallId).Order());
    }

    [Fact]
    public void Build_NaiveBurst_ShowsEachOverwrittenFromAndStrandsThoseCallersUntilTheirTimeout()
    {
        var layout = Build(NaiveBurstOfThree(), now: At(1500));

        Assert.Equal([3L, 2L, 1L], layout.Rows.Select(r => r.Call.CallId)); // newest on top
        Assert.Equal([false, true, true], layout.Rows.Select(r => r.Stranded));
        Assert.Equal([null, 3L, 2L], layout.Rows.Select(r => r.OverwrittenBy));
        Assert.Equal([1L, 2L], layout.Shapes.Where(s => s.Kind == ShapeKind.StrandedWait).Select(s => s.CallId).Order());
        Assert.Equal([1L, 2L], layout.Shapes.Where(s => s.Kind == ShapeKind.TimeoutMark).Select(s => s.CallId).Order());
        foreach (var id in new long[] { 1, 2 })
        {
            var overwritten = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.FromOverwritten && s.CallId == id);
            var stranded = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.StrandedWait && s.CallId == id);
            var timeout = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.TimeoutMark && s.CallId == id);
            Assert.Equal((overwritten.X1, timeout.X1), (stranded.X1, stranded.X2)); // red from the overwrite to the timeout
        }

        Assert.Single(layout.Groups); // one burst: one shared time origin
    }

    [Fact]
    public void Build_NaiveCallerStillHanging_IsStrandedAndWaitsUpToNow()
    {
        var calls = NaiveBurstOfThree().Select(c => c.CallId == 3 ? c : c with { EndedAt = 0, Outcome = null }).ToList();

        var layout = Build(calls, now: At(900));

        Assert.True(Row(layout, 1).Stranded);
        Assert.Equal("stranded · 900 ms / 1.0 s", Row(layout, 1).Outcome);
        var now = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.Now);
        Assert.Equal(now.X1, layout.Shapes.Single(s => s.Kind == ShapeKind.StrandedWait && s.CallId == 1).X2);
        Assert.Contains(layout.Shapes, s => s.Kind == ShapeKind.Deadline && s.CallId == 1);
        Assert.DoesNotContain(layout.Shapes, s => s.Kind == ShapeKind.TimeoutMark);
    }

    [Fact]
    public void Build_CorrectBurst_NothingIsStrandedOrMisrouted()
    {
        var layout = Build([Replied(1, 0, 300), Replied(2, 0.1, 280), Replied(3, 0.2, 320)], now: At(400));

        Assert.Single(layout.Groups);
        Assert.All(layout.Rows, row => Assert.False(row.Stranded));
        Assert.Equal(3, layout.Shapes.Count(s => s.Kind == ShapeKind.Arrow && s.Step == 6));
        Assert.DoesNotContain(layout.Shapes, s => s.Kind is ShapeKind.MisroutedArrow or ShapeKind.StrandedWait or ShapeKind.FromOverwritten
            or ShapeKind.TimeoutMark or ShapeKind.ResultIgnored);
    }

    [Fact]
    public void Build_CallsApartInTime_FormGroupsWithTheIdleTimeBetweenThem()
    {
        var layout = Build([Replied(1, 0), Replied(2, 5000), Replied(3, 5100)], now: At(6000));

        Assert.Equal(2, layout.Groups.Count);
        Assert.Equal(5000 - 300.05, layout.Groups[0].IdleBefore!.Value.TotalMilliseconds, 3);
        Assert.Null(layout.Groups[1].IdleBefore);
        Assert.True(layout.Groups[1].Top >= layout.Groups[0].Bottom + TimelineLayout.GroupGap);
    }

    [Fact]
    public void Build_CallThatWaitedInTheMailbox_ShowsTheQueueOnTheActorLane()
    {
        var queued = Replied(1) with { HandlingAt = At(200), ExternalStartedAt = At(200.01), DeferredAt = At(200.02), ExternalDoneAt = At(500), EndedAt = At(500.05) };

        var layout = Build([queued], now: At(600));

        var queue = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.Queued);
        var (sent, taken) = (Badges(layout, 1)[0], Badges(layout, 1)[1]);
        Assert.Equal((sent.X1 + (TimelineLayout.MinStepGap / 2), taken.X1, layout.Rows[0].ActorY), (queue.X1, queue.X2, queue.Y1));
        var call = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.Arrow && s.Step == 1);
        Assert.Equal((queue.X1, queue.Y1), (call.X2, call.Y2)); // the call lands in the mailbox, not at |2|
    }

    [Fact]
    public void Build_ResultThatWaitedInTheMailbox_ShowsTheQueueBeforeTheReply()
    {
        var waited = Replied(1) with { RepliedAt = At(800), EndedAt = At(800.05) }; // result at 300 ms, the actor busy until 800 ms

        var layout = Build([waited], now: At(900));

        var queue = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.Queued);
        var result = Assert.Single(Badges(layout, 1), b => b.Step == 5);
        var reply = Assert.Single(layout.Shapes, s => s.Kind == ShapeKind.Arrow && s.Step == 6);
        Assert.Equal((result.X1 + (TimelineLayout.MinStepGap / 2), reply.X1, layout.Rows[0].ActorY), (queue.X1, queue.X2, queue.Y1));
        Assert.Contains("500 ms", queue.Title);
    }

    [Fact]
    public void Build_EventsAtTheSameInstant_StillReadOneToSixApart()
    {
        var instant = Replied(1) with { HandlingAt = At(0), ExternalStartedAt = At(0), DeferredAt = At(0), ExternalDoneAt = At(0), EndedAt = At(0) };

        var layout = Build([instant], now: At(0));

        var xs = Badges(layout, 1).Select(b => b.X1).ToList();
        Assert.Equal(Enumerable.Range(0, 6).Select(i => layout.PlotLeft + (i * TimelineLayout.MinStepGap)), xs);
    }

    [Fact]
    public void Build_MoreCallsThanFit_DrawsTheNewestOnly()
    {
        var calls = Enumerable.Range(1, 25).Select(i => Replied(i, i * 1000)).ToList();

        var layout = Build(calls, now: At(30_000));

        Assert.Equal(TimelineLayout.DefaultMaxCalls, layout.Rows.Count);
        Assert.Equal(25, layout.Rows[0].Call.CallId);
        Assert.Equal(6, layout.Rows[^1].Call.CallId);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(312, 400)]
    [InlineData(1000, 1000)]
    [InlineData(1001, 1500)]
    [InlineData(2400, 2500)]
    [InlineData(3400, 4000)]
    [InlineData(4200, 5000)]
    [InlineData(8100, 10000)]
    public void NiceCeiling_Duration_RoundsUpToARoundNumber(double ms, double expected)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expected), TimelineLayout.NiceCeiling(TimeSpan.FromMilliseconds(ms)));
    }

    [Fact]
    public void Build_Axis_TicksSpanTheDomainFromZeroToTheRightEdge()
    {
        var layout = Build([Replied(1, 0, 900)], now: At(1000));

        Assert.Equal("0", layout.Ticks[0].Label);
        Assert.Equal(layout.PlotLeft, layout.Ticks[0].X);
        Assert.Equal("1 s", layout.Ticks[^1].Label);
        Assert.Equal(layout.PlotRight, layout.Ticks[^1].X, 6);
    }

    private static TimelineLayout Build(IReadOnlyList<CallRecord> calls, long now) => TimelineLayout.Build(calls, now, Frequency, Width);

    private static List<TimelineShape> Badges(TimelineLayout layout, long callId) =>
        [.. layout.Shapes.Where(s => s.Kind == ShapeKind.StepBadge && s.CallId == callId).OrderBy(s => s.X1)];

    private static TimelineShape Wait(TimelineLayout layout, long callId) => layout.Shapes.Single(s => s.Kind == ShapeKind.DashedWait && s.CallId == callId);

    private static TimelineRow Row(TimelineLayout layout, long callId) => layout.Rows.Single(r => r.Call.CallId == callId);
}

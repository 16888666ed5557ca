using Bunit;
using Dashboard.Components.Actors;
using Dashboard.Components.Shared;
using Dashboard.Components.Charts;
using Unit.Dashboard.Components.Actors.Timeline;
using Dashboard.Heartbeats;
using Dashboard.Hubs;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using TestSupport;

namespace Unit.Dashboard.Components.Actors;

/// <summary>The "My actor" panels, rendered from snapshots of a real session on a fake clock.</summary>
public sealed class ActorPanelsTests : DashboardTestContext
{
    public ActorPanelsTests() => RenderInteractively(); // the live rows' patches ride in interactive renders

    [Fact]
    public async Task CountersPanel_AfterRepliedAndTimedOutCalls_ShowsEachCount()
    {
        await CompleteOneCallAsync();
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(5) });
        var slow = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the slow job to start");
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        await slow.WaitAsync(TimeSpan.FromSeconds(15));

        var cut = Render<CountersPanel>(p => p.Add(x => x.View, Session.Snapshot()));

        Assert.Equal("2", cut.Find("[data-testid=count-calls]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=count-replies]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=count-timeouts]").TextContent);
        Assert.Equal("0", cut.Find("[data-testid=count-errors]").TextContent);
        Assert.Matches(@"p50 20\d ms", cut.Find("[data-testid=latency]").TextContent); // 2 significant digits
        Assert.Contains("(1 replies)", cut.Find("[data-testid=latency]").TextContent);
        Assert.Contains("mud-error-text", cut.Find("[data-testid=count-timeouts]").ClassList); // coloured once above zero
        Assert.Contains("mud-success-text", cut.Find("[data-testid=count-replies]").ClassList);
        Assert.DoesNotContain(cut.Find("[data-testid=count-errors]").ClassList, name => name.EndsWith("-text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeferredCallsPanel_WaitingCall_ShowsItsPhaseAndElapsedAgainstTimeout()
    {
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the job to start");
        Harness.Time.Advance(TimeSpan.FromMilliseconds(100));

        var cut = Render<DeferredCallsPanel>(p => p.Add(x => x.View, Session.Snapshot()));

        var row = Browser(cut).Find("[data-testid=call-row]");
        Assert.Equal("externalinflight", row.GetAttribute("data-stage"));
        Assert.Contains("external in flight", row.TextContent);
        Assert.Contains("100 ms / 1.0 s", row.TextContent);
        Assert.Equal("1", cut.Find("[data-testid=pending-calls]").TextContent);
        Harness.Time.Advance(TimeSpan.FromMilliseconds(100));
        await call.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void DeferredCallsPanel_CallsGone_DropsTheirRowsAndSaysThereAreNone()
    {
        var cut = Render<DeferredCallsPanel>(p => p.Add(x => x.View, CallTimelineTests.ViewOf([TimelineCalls.Replied(1)], TimelineCalls.At(400))));
        Assert.Single(Browser(cut).FindAll("[data-testid=call-row]"));

        cut.Render(p => p.Add(x => x.View, CallTimelineTests.ViewOf([], TimelineCalls.At(500))));

        Assert.Empty(Browser(cut).FindAll("[data-testid=call-row]"));
        Assert.Contains("No calls yet", Browser(cut).Find("[data-testid=calls-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeferredCallsPanel_TimedOutCall_IsDrawnInTheTimeoutColour()
    {
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(5) });
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the job to start");
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        await call.WaitAsync(TimeSpan.FromSeconds(15));

        var cut = Render<DeferredCallsPanel>(p => p.Add(x => x.View, Session.Snapshot()));

        var row = Browser(cut).Find("[data-testid=call-row]");
        Assert.Equal("timedout", row.GetAttribute("data-stage"));
        Assert.NotNull(row.QuerySelector(".mud-progress-linear-color-error"));
        Assert.NotNull(row.QuerySelector(".mud-chip.mud-chip-color-error"));
        var bar = row.QuerySelector("[role=progressbar]")!;
        Assert.Equal("100", bar.GetAttribute("aria-valuenow"));
        Assert.Equal("transform: translateX(-0%);", bar.QuerySelector(".mud-progress-linear-bar")!.GetAttribute("style"));
    }

    [Theory]
    [InlineData(CallStage.Deferred, 50, Color.Info)]
    [InlineData(CallStage.Deferred, 85, Color.Error)]
    [InlineData(CallStage.TimedOut, 100, Color.Error)]
    [InlineData(CallStage.Replied, 30, Color.Success)]
    public void BarColor_ByStageAndElapsedShare_TurnsToTheTimeoutColourNearTheDeadline(CallStage stage, double percent, Color expected)
    {
        var call = new CallRecord
        {
            CallId = 1,
            Origin = CallOrigin.Manual,
            Timeout = TimeSpan.FromSeconds(1),
            SentAt = 1,
            DeferredAt = 2,
            EndedAt = stage == CallStage.Deferred ? 0 : 3,
            Outcome = stage switch
            {
                CallStage.TimedOut => new CallOutcomeView(1, CallOutcomeKind.Timeout, "timed out"),
                CallStage.Replied => new CallOutcomeView(1, CallOutcomeKind.Replied, "pong") { AnsweredWith = 1 },
                _ => null,
            },
        };
        Assert.Equal(stage, call.Stage);

        Assert.Equal(expected, DeferredCallsPanel.BarColor(call, percent));
    }

    [Fact]
    public async Task MailboxPanel_Chart_PlotsTheLargestDepthOfEachSecond()
    {
        await using var harness = new SessionHarness(new HeartbeatActorOptions { FloodMessageCost = TimeSpan.FromMilliseconds(20) });
        harness.Session.Flood(30);
        var first = harness.Session.Snapshot().Info!.QueueDepth; // sampled in second 0
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        var view = harness.Session.Snapshot(); // sampled in second 1
        var cut = Render<MailboxPanel>(p => p.Add(x => x.View, view));

        Assert.InRange(first, 20, 30);
        Assert.Equal(view.Info!.QueueDepth.ToString(), cut.Find("[data-testid=queue-depth]").TextContent);
        Assert.Equal(MailboxHistory.Seconds, cut.Instance.ChartValues.Count);
        Assert.Equal(first, cut.Instance.ChartValues[^2]);
        Assert.Equal(view.Info.QueueDepth, cut.Instance.ChartValues[^1]);
        Assert.Equal(0, cut.Instance.ChartValues[0]);
    }

    [Fact]
    public async Task MailboxPanel_Chart_DrawsTheValuesAsOnePathWithTheirAxis()
    {
        await using var harness = new SessionHarness(new HeartbeatActorOptions { FloodMessageCost = TimeSpan.FromMilliseconds(20) });
        harness.Session.Flood(30);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var view = harness.Session.Snapshot();

        var cut = Render<MailboxPanel>(p => p.Add(x => x.View, view));

        var chart = cut.Find("[data-testid=mailbox-chart]");
        var expected = new Sparkline([.. view.MailboxHistory.Select(v => (double)v)]);
        Assert.Single(chart.QuerySelectorAll("path[data-testid=mailbox-series]"));
        Assert.Equal(expected.Path, chart.QuerySelector("[data-testid=mailbox-series]")!.GetAttribute("d"));
        Assert.EndsWith($"L600 {Sparkline.Number(Sparkline.Y(view.MailboxHistory[^1], expected.Top))}", expected.Path);
        Assert.Equal(expected.Ticks.Select(t => LineCharts.AxisNumber(t, "0")), chart.QuerySelectorAll(".sparkline-y span").Select(s => s.TextContent));
        Assert.Equal(["-50 s", "-40 s", "-30 s", "-20 s", "-10 s", "now"], chart.QuerySelectorAll(".sparkline-x span").Select(s => s.TextContent));
        Assert.Contains("messages", chart.TextContent);
        Assert.Equal($"queue depth, last 60 s: largest {expected.Largest} messages, now {view.MailboxHistory[^1]}",
            chart.QuerySelector("[role=img]")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task MailboxPanel_Chart_AxisFollowsTheTopWhenTheValuesRise()
    {
        await using var harness = new SessionHarness(new HeartbeatActorOptions { FloodMessageCost = TimeSpan.FromMilliseconds(20) });
        var cut = Render<MailboxPanel>(p => p.Add(x => x.View, harness.Session.Snapshot()));
        string[] Axis() => [.. cut.FindAll(".sparkline-y span").Select(s => s.TextContent)];
        string Grid() => cut.Find("path.sparkline-grid").GetAttribute("d")!;
        var (quietAxis, quietGrid) = (Axis(), Grid());

        harness.Session.Flood(30);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var view = harness.Session.Snapshot();
        cut.Render(p => p.Add(x => x.View, view));

        var expected = new Sparkline([.. view.MailboxHistory.Select(v => (double)v)]);
        Assert.Equal(["0", "1"], quietAxis);
        Assert.Equal(new Sparkline([0]).GridPath, quietGrid);
        Assert.Equal(expected.Ticks.Select(t => LineCharts.AxisNumber(t, "0")), Axis());
        Assert.Equal(expected.GridPath, Grid());
        Assert.NotEqual(quietGrid, Grid());
    }

    [Fact]
    public async Task Panels_LiveOnATab_RenderPlainMarkupWithoutChildComponents()
    {
        await CompleteOneCallAsync();
        var view = Session.Snapshot();

        var panels = new IRenderedComponent<IComponent>[]
        {
            Render<MailboxPanel>(p => p.Add(x => x.View, view)),
            Render<CountersPanel>(p => p.Add(x => x.View, view)),
            Render<DeferredCallsPanel>(p => p.Add(x => x.View, view)),
            Render<ExternalWorkPanel>(p => p.Add(x => x.View, view)),
        };

        // Each Mud component a tab keeps costs it a render tree of its own: these panels use MudBlazor's classes instead.
        // (The calls table's rows are the browser's; their container is a component of three frames that keeps no rows.)
        Assert.All(panels, panel => Assert.DoesNotContain(panel.FindComponents<IComponent>(), c => c.Instance is not LiveRowsContainer));
        Assert.All(panels, panel => Assert.NotNull(panel.Find(".mud-paper.mud-elevation-1.pa-4")));
    }

    [Theory]
    [InlineData(Color.Error)]
    [InlineData(Color.Success)]
    [InlineData(Color.Default)]
    public void PlainMud_EachColour_AreTheClassesMudBlazorRenders(Color color)
    {
        var text = Render<MudText>(p => p.Add(x => x.Typo, Typo.h5).Add(x => x.Color, color).AddChildContent("1"));
        var chip = Render<MudChip<string>>(p => p.Add(x => x.Size, Size.Small).Add(x => x.Color, color).Add(x => x.Text, "t"));
        var bar = Render<MudProgressLinear>(p => p.Add(x => x.Value, 50).Add(x => x.Color, color).Add(x => x.Rounded, true).Add(x => x.Size, Size.Medium));

        Assert.Equal($"mud-typography mud-typography-h5 {PlainMud.Text(color)}".Trim(), text.Find("h5").ClassName);
        Assert.Equal($"mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-{PlainMud.Name(color)}", chip.Find(".mud-chip").ClassName);
        Assert.Equal($"mud-progress-linear mud-progress-linear-rounded mud-progress-linear-medium mud-progress-linear-color-{PlainMud.Name(color)} mud-progress-linear-background horizontal",
            bar.Find("[role=progressbar]").ClassName);
        Assert.Equal("transform: translateX(-50%);", bar.Find(".mud-progress-linear-bar").GetAttribute("style"));
    }

    [Fact]
    public async Task ControlsPanel_RequestClicked_ShowsWaitingThenTheResult()
    {
        var cut = Render<ControlsPanel>(p => p.Add(x => x.Session, Session).Add(x => x.Enabled, true));

        var click = cut.Find("[data-testid=btn-request]").ClickAsync(new()); // completes only when the call does
        cut.WaitForAssertion(() => Assert.Equal("waiting…", cut.Find("[data-testid=last-result]").TextContent));
        Assert.True(cut.Find("[data-testid=btn-request]").HasAttribute("disabled"));
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the job to start");
        Harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        await click.WaitAsync(TimeSpan.FromSeconds(15));

        cut.WaitForAssertion(() => Assert.Contains("replied: pong after 200 ms", cut.Find("[data-testid=last-result]").TextContent));
    }

    [Fact]
    public void ControlsPanel_Disabled_RendersDisabledButtons()
    {
        var cut = Render<ControlsPanel>(p => p.Add(x => x.Session, Session).Add(x => x.Enabled, false));

        foreach (var id in new[] { "btn-request", "btn-burst", "btn-flood", "btn-crash" })
        {
            Assert.True(cut.Find($"[data-testid={id}]").HasAttribute("disabled"), id);
        }
    }

    [Fact]
    public async Task ControlsPanel_CrashClicked_CrashesTheActor()
    {
        var cut = Render<ControlsPanel>(p => p.Add(x => x.Session, Session).Add(x => x.Enabled, true));

        await cut.Find("[data-testid=btn-crash]").ClickAsync(new());

        await Until.TrueAsync(() => Session.Tracker.Snapshot().Counters.Restarts == 1, "the restart");
        Assert.Contains("crash requested", cut.Find("[data-testid=last-result]").TextContent);
    }

    [Fact]
    public async Task ActorHeader_RunningActor_ShowsPidStatusAndMode()
    {
        await CompleteOneCallAsync();

        var cut = Render<ActorHeader>(p => p.Add(x => x.View, Session.Snapshot()));

        Assert.Equal(Session.Pid.ToString(), cut.Find("[data-testid=actor-pid]").TextContent);
        Assert.Equal("idle", cut.Find("[data-testid=actor-status]").TextContent.Trim());
        Assert.Contains("correct mode", cut.Find("[data-testid=actor-mode]").TextContent);
    }

    [Fact]
    public async Task ActorHeader_NaiveIdleActor_DrawsItsChipsInMudBlazorsColours()
    {
        await CompleteOneCallAsync();
        await Session.SwitchModeAsync(ActorMode.Naive);
        await CompleteOneCallAsync();

        var cut = Render<ActorHeader>(p => p.Add(x => x.View, Session.Snapshot()));

        Assert.Equal(PlainMud.Chip(Color.Success), cut.Find("[data-testid=actor-status]").ClassName);
        Assert.Equal(PlainMud.Chip(Color.Warning, outlined: true), cut.Find("[data-testid=actor-mode]").ClassName);
        Assert.Contains("naive mode", cut.Find("[data-testid=actor-mode]").TextContent);
        Assert.Empty(cut.FindComponents<Microsoft.AspNetCore.Components.IComponent>()); // plain elements only
    }

    [Fact]
    public async Task ActorHeader_WithNode_ShowsTheNodeName_WithoutNoneIsShown()
    {
        await CompleteOneCallAsync();

        var withNode = Render<ActorHeader>(p => p.Add(x => x.View, Session.Snapshot()).Add(x => x.Node, "node-a"));
        var without = Render<ActorHeader>(p => p.Add(x => x.View, Session.Snapshot()));

        Assert.Equal("node-a", withNode.Find("[data-testid=actor-node]").TextContent);
        Assert.Empty(without.FindAll("[data-testid=actor-node]"));
    }

    private async Task CompleteOneCallAsync()
    {
        var call = Session.RequestAsync(CallOrigin.Manual);
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the job to start");
        Harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        await call.WaitAsync(TimeSpan.FromSeconds(15));
    }
}

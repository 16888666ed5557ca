using ActorRuntime;
using Bunit;
using Dashboard.Cluster;
using Dashboard.Components.Actors;
using Dashboard.Components.Pages.MyActor;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Unit.Dashboard.Components.Pages.MyActor;

/// <summary>The "My actor" page renders on change, not on a clock: counted over a fake-clock minute.</summary>
public sealed class MyActorPageTests : DashboardTestContext
{
    // The actor sweeps abandoned callers every 10 s by default: a real message, which a loaded machine can catch
    // the actor handling ("busy" for a moment, a real change). These tests are about a page whose actor does nothing.
    private readonly SessionHarness _harness;

    public MyActorPageTests()
    {
        _harness = Own(new SessionHarness(new HeartbeatActorOptions
        {
            ExternalLatency = TimeSpan.FromMilliseconds(200),
            FloodMessageCost = TimeSpan.Zero,
            SweepInterval = TimeSpan.FromHours(1),
        }));
        Services.AddSingleton(new NodeIdentity("node-a", "http://node-a.test", DateTimeOffset.UnixEpoch));
        Services.AddSingleton<TimeProvider>(_harness.Time);
        Services.AddSingleton(_harness.Session);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(_harness.Options));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private new ActorSession Session => _harness.Session;

    [Fact]
    public async Task Render_NothingChangesForAMinute_DoesNotRenderAgain()
    {
        // Arrange
        var cut = await RenderSettledAsync();
        var renders = cut.Instance.Renders;

        // Act: a minute on the page's clock, in the steps the old page polled at (100 ms).
        await AdvanceByAsync(TimeSpan.FromMinutes(1));

        // Assert
        Assert.Equal(renders, cut.Instance.Renders);

        // The loop is alive all the same: a change still renders, once.
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(2) });
        await AdvanceUntilAsync(() => cut.Instance.Renders > renders, "the change to render");
        await AdvanceByAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(renders + 1, cut.Instance.Renders);
    }

    [Fact]
    public async Task Render_OneChange_RendersOnceAndOnlyThePanelThatShowsIt()
    {
        // Arrange
        var cut = await RenderSettledAsync();
        var (page, external, timeline, counters, mailbox) = Counts(cut);

        // Act: the external work's latency is set (what the External work panel shows), then a quiet minute.
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(3) });
        await AdvanceUntilAsync(() => cut.Instance.Renders > page, "the change to render");
        await AdvanceByAsync(TimeSpan.FromMinutes(1));

        // Assert: the page once; of the panels only External work (bUnit counts a panel's renders with its children's).
        var after = Counts(cut);
        Assert.Equal(page + 1, after.Page);
        Assert.True(after.External > external, "the External work panel re-rendered");
        Assert.Equal((timeline, counters, mailbox), (after.Timeline, after.Counters, after.Mailbox));
        Assert.Contains("latency 3.0 s", cut.FindComponent<ExternalWorkPanel>().Markup);
    }

    [Fact]
    public async Task Render_FloodOfMessages_RendersThePageOnceAndNotTheTimeline()
    {
        // Arrange
        var cut = await RenderSettledAsync();
        var (page, _, timeline, counters, _) = Counts(cut);

        // Act: 1,000 messages in and out of the mailbox (2,000 events) before the page's clock moves.
        Assert.Equal(1_000, Session.Flood(1_000).Accepted);
        await Until.TrueAsync(() => _harness.System.GetInfo(Session.Pid!.Value) is { QueueDepth: 0, Status: ActorStatus.Idle }, "the flood to drain");
        await AdvanceUntilAsync(() => cut.Instance.Renders > page, "the page to render the flood");
        await AdvanceByAsync(TimeSpan.FromMinutes(1));

        // Assert
        var after = Counts(cut);
        Assert.Equal((page + 1, timeline, counters), (after.Page, after.Timeline, after.Counters));
    }

    [Fact]
    public async Task BrowserSignal_Heartbeat_ReachesTheActorWithoutARenderOfItsOwn()
    {
        // Arrange
        var cut = await RenderSettledAsync();
        var renders = cut.Instance.Renders;
        Assert.Null(Session.LastHeartbeatAt);

        // Act: what heartbeat.js does on its timer.
        cut.Find("[data-testid=actor-changed]").Change("beat");

        // Assert: the session took the heartbeat; the page renders only when what it shows changes, later.
        Assert.NotNull(Session.LastHeartbeatAt);
        Assert.Equal(renders, cut.Instance.Renders);
        Assert.Single(JSInterop.Invocations["dashboardHeartbeat.start"]);
    }

    [Fact]
    public async Task BrowserSignal_HiddenThenShown_StopsRenderingThenRendersAtOnce()
    {
        // Arrange
        var cut = await RenderSettledAsync();
        var signal = cut.Find("[data-testid=actor-changed]");

        // Act: hidden; a change may still render once (the page's loop was already waiting for one), the next does not.
        signal.Change("hidden");
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(3) });
        await AdvanceByAsync(TimeSpan.FromSeconds(1));
        var hidden = cut.Instance.Renders;
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(4) });
        await AdvanceByAsync(TimeSpan.FromSeconds(5)); // half the hidden refresh
        Assert.Equal(hidden, cut.Instance.Renders);

        // Shown: the change renders at once, on the event, without the clock moving.
        cut.Find("[data-testid=actor-changed]").Change("shown");

        // Assert
        Assert.Equal(hidden + 1, cut.Instance.Renders);
        Assert.Contains("latency 4.0 s", cut.FindComponent<ExternalWorkPanel>().Markup);
    }


    /// <summary>Renders the page and lets its start (the actor's spawn and first events) render and settle.</summary>
    private async Task<IRenderedComponent<MyActorPage>> RenderSettledAsync()
    {
        var cut = Render<MyActorPage>();
        await Until.TrueAsync(() => _harness.System.GetInfo(Session.Pid!.Value)?.Status == ActorStatus.Idle, "the actor to start");
        await AdvanceUntilAsync(() => cut.Find("[data-testid=actor-status]").TextContent.Trim() == "idle", "the page to show the actor idle");
        await AdvanceByAsync(TimeSpan.FromSeconds(1));
        return cut;
    }

    /// <summary>
    /// Moves the page's clock on in 10 ms steps until <paramref name="condition"/> holds: the page's loop runs on the
    /// thread pool and may start its coalescing delay a moment after the change that woke it.
    /// </summary>
    private Task AdvanceUntilAsync(Func<bool> condition, string what) => Until.TrueAsync(() =>
    {
        _harness.Time.Advance(TimeSpan.FromMilliseconds(10));
        return condition();
    }, what);

    /// <summary>
    /// Moves the page's clock on by <paramref name="span"/> in the 100 ms steps the old page polled at, one step per
    /// poll of <see cref="Until"/>, so the page's loop (on the thread pool) sees every step as a live page would.
    /// </summary>
    private Task AdvanceByAsync(TimeSpan span)
    {
        var steps = (int)(span / TimeSpan.FromMilliseconds(100));
        return Until.TrueAsync(() =>
        {
            _harness.Time.Advance(TimeSpan.FromMilliseconds(100));
            return --steps <= 0;
        }, $"{span} to pass on the page's clock", TimeSpan.FromMinutes(1));
    }

    private static (int Page, int External, int Timeline, int Counters, int Mailbox) Counts(IRenderedComponent<MyActorPage> cut) => (
        cut.Instance.Renders,
        cut.FindComponent<ExternalWorkPanel>().RenderCount,
        cut.FindComponent<CallTimeline>().RenderCount,
        cut.FindComponent<CountersPanel>().RenderCount,
        cut.FindComponent<MailboxPanel>().RenderCount);
}

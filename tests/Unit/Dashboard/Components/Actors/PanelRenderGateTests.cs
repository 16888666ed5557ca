using ActorRuntime;
using Bunit;
using Dashboard.Components.Actors;
using Dashboard.Heartbeats;
using Dashboard.Operations;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using TestSupport;

namespace Unit.Dashboard.Components.Actors;

/// <summary>
/// The "My actor" panels gate their own renders (<see cref="RendersOnChange{TShown}"/>): a new snapshot that shows
/// them nothing new costs no render, one that moves what they show renders them once.
/// </summary>
public sealed class PanelRenderGateTests : DashboardTestContext
{
    public PanelRenderGateTests() => RenderInteractively(); // the live rows' patches ride in interactive renders

    [Fact]
    public Task CountersPanel_RendersOnlyWhenACounterMoved() => AssertRendersOnlyOnChangeAsync<CountersPanel>(CompleteOneCallAsync);

    [Fact]
    public Task CallTimeline_RendersOnlyWhenItsCallsMoved() => AssertRendersOnlyOnChangeAsync<CallTimeline>(CompleteOneCallAsync);

    [Fact]
    public Task DeferredCallsPanel_RendersOnlyWhenItsCallsMoved() => AssertRendersOnlyOnChangeAsync<DeferredCallsPanel>(CompleteOneCallAsync);

    [Fact]
    public Task MailboxPanel_RendersOnlyWhenTheMailboxMoved() => AssertRendersOnlyOnChangeAsync<MailboxPanel>(async () =>
    {
        // Past the mailbox's capacity, so its rejected count moves. The actor drains while the flood is sent, so one flood
        // may fit; a few in a row do not.
        var rejected = 0L;
        for (var flood = 0; flood < 20 && rejected == 0; flood++)
        {
            rejected += Session.Flood(10_000).Rejected;
        }

        Assert.True(rejected > 0);
        await Until.TrueAsync(() => Session.Snapshot().Info?.QueueDepth == 0, "the flood to drain");
    });

    [Fact]
    public Task ExternalWorkPanel_RendersOnlyWhenTheExternalWorkMoved() => AssertRendersOnlyOnChangeAsync<ExternalWorkPanel>(() =>
    {
        Session.Configure(Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(3) });
        return Task.CompletedTask;
    });

    [Fact]
    public Task ActorHeader_RendersOnlyWhenTheActorsStateMoved() => AssertRendersOnlyOnChangeAsync<ActorHeader>(() => Session.SwitchModeAsync(ActorMode.Naive));

    [Fact]
    public Task NaiveModeBanner_RendersOnlyWhenTheModeOrItsCountsMoved() => AssertRendersOnlyOnChangeAsync<NaiveModeBanner>(() => Session.SwitchModeAsync(ActorMode.Naive));

    [Fact]
    public Task OperatorActionNotice_RendersOnlyWhenAnOperatorActed() => AssertRendersOnlyOnChangeAsync<OperatorActionNotice>(() =>
    {
        Session.NoteOperatorAction(new OperatorNotice(OperatorActionKind.FlushMailbox, Session.Pid!.Value, "mailbox flushed", DateTimeOffset.UnixEpoch));
        return Task.CompletedTask;
    });

    [Fact]
    public async Task MailboxPanel_SameMailboxAgain_KeepsItsChart()
    {
        var cut = Render<MailboxPanel>(p => p.Add(x => x.View, Session.Snapshot()));
        var values = cut.Instance.ChartValues;

        cut.Render(p => p.Add(x => x.View, Session.Snapshot()));

        Assert.Same(values, cut.Instance.ChartValues); // not redrawn: nothing it plots moved
    }

    /// <summary>
    /// Renders <typeparamref name="TPanel"/> from a snapshot, passes it a fresh snapshot of the unchanged session
    /// (no render), then one taken after <paramref name="change"/> (one render).
    /// </summary>
    private async Task AssertRendersOnlyOnChangeAsync<TPanel>(Func<Task> change) where TPanel : IComponent
    {
        // Arrange
        await Until.TrueAsync(() => Session.Snapshot().Info?.Status == ActorStatus.Idle, "the actor to settle");
        var cut = Render<TPanel>(builder =>
        {
            builder.OpenComponent<TPanel>(0);
            builder.AddComponentParameter(1, "View", Session.Snapshot());
            builder.CloseComponent();
        });

        // Act: the same view, as a new snapshot
        cut.Render(ViewOf(Session.Snapshot()));

        // Assert
        Assert.Equal(1, cut.RenderCount);

        // Act: a change the panel shows
        await change();
        await Until.TrueAsync(() => Session.Snapshot().Info?.Status is null or ActorStatus.Idle, "the actor to settle");
        cut.Render(ViewOf(Session.Snapshot()));
        cut.Render(ViewOf(Session.Snapshot()));

        // Assert
        Assert.Equal(2, cut.RenderCount);
    }

    private static ParameterView ViewOf(ActorView view) => ParameterView.FromDictionary(new Dictionary<string, object?> { ["View"] = view });

    private async Task CompleteOneCallAsync()
    {
        var call = Session.RequestAsync(CallOrigin.Manual);
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the job to start");
        Harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        await call.WaitAsync(TimeSpan.FromSeconds(15));
    }
}

using Bunit;
using Dashboard.Components.Actors;
using Dashboard.Heartbeats;
using Dashboard.Services;
using MudBlazor;
using TestSupport;

namespace Unit.Dashboard.Components.Actors;

/// <summary>The naive-mode banner and the caveats side panel, rendered from a real session on a fake clock.</summary>
public sealed class TeachingPanelsTests : DashboardTestContext
{
    [Fact]
    public void NaiveModeBanner_CorrectMode_RendersNothing()
    {
        var cut = Render<NaiveModeBanner>(p => p.Add(x => x.View, Session.Snapshot()));

        Assert.Empty(cut.FindAll("[data-testid=naive-banner]"));
    }

    [Fact]
    public async Task NaiveModeBanner_AfterOverlappingNaiveCalls_ExplainsAndCountsMisroutedHangingAndStranded()
    {
        await Session.SwitchModeAsync(ActorMode.Naive);
        var first = Session.RequestAsync(CallOrigin.Burst, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the first job to start");
        var second = Session.RequestAsync(CallOrigin.Burst, TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => Session.Worker.InFlight == 2, "the second job to start");
        Harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        await second.WaitAsync(TimeSpan.FromSeconds(15));

        var cut = Render<NaiveModeBanner>(p => p.Add(x => x.View, Session.Snapshot()));

        var banner = cut.Find("[data-testid=naive-banner]");
        Assert.Contains("a single From slot", banner.TextContent);
        Assert.Contains("key each kept From by its request id", banner.TextContent);
        Assert.Equal(("1", "1", "0"), Counts(cut));

        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        await first.WaitAsync(TimeSpan.FromSeconds(15));
        cut.Render(p => p.Add(x => x.View, Session.Snapshot()));

        Assert.Equal(("1", "0", "1"), Counts(cut));
    }

    [Fact]
    public void CaveatsPanel_Open_ShowsTheStepMappingAndTheFourCaveatsWithTheActorsFigures()
    {
        var cut = Render<CaveatsPanel>(p => p.Add(x => x.View, Session.Snapshot()).Add(x => x.Open, true));

        var panel = cut.Find("[data-testid=caveats-panel]");
        Assert.Contains("1 · One message at a time", panel.TextContent);
        Assert.Contains("2 · Track every caller", panel.TextContent);
        Assert.Contains("3 · Timeouts", panel.TextContent);
        Assert.Contains("4 · Do you need an actor at all?", panel.TextContent);
        Assert.Equal(6, cut.FindAll("[data-testid=caveat-steps] li").Count);
        Assert.Contains("correct mode", cut.Find("[data-testid=caveat-track-callers]").TextContent);
    }

    [Fact]
    public void CaveatsPanel_Closed_RendersNoDrawer()
    {
        var cut = Render<CaveatsPanel>(p => p.Add(x => x.View, Session.Snapshot()));

        Assert.Empty(cut.FindAll("[data-testid=caveats-panel]"));
        Assert.Empty(cut.FindComponents<MudDrawer>());
        Assert.Empty(cut.FindComponents<MudExpansionPanel>());
    }

    [Fact]
    public void CaveatsPanel_ClosedWhileItsFiguresChange_RendersOnlyWhenOpenedOrClosed()
    {
        var cut = Render<CaveatsPanel>(p => p.Add(x => x.View, Session.Snapshot()));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(x => x.View, Session.Snapshot()));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(x => x.Open, true));
        Assert.Contains("mud-drawer--open", cut.Find("[data-testid=caveats-panel]").ClassList);
        Assert.Contains("2 · Track every caller", cut.Find("[data-testid=caveat-track-callers]").TextContent);

        cut.Render(p => p.Add(x => x.Open, false));
        Assert.Empty(cut.FindAll("[data-testid=caveats-panel]"));
        renders = cut.RenderCount;
        cut.Render(p => p.Add(x => x.View, Session.Snapshot()));
        Assert.Equal(renders, cut.RenderCount);
    }

    [Fact]
    public async Task CaveatsPanel_CloseClicked_AsksToClose()
    {
        bool? requested = null;
        var cut = Render<CaveatsPanel>(p => p.Add(x => x.View, Session.Snapshot()).Add(x => x.Open, true).Add(x => x.OpenChanged, open => requested = open));

        await cut.Find("[aria-label='Close the caveats']").ClickAsync(new());

        Assert.False(requested);
    }

    private static (string Misrouted, string Hanging, string Stranded) Counts(IRenderedComponent<NaiveModeBanner> cut) => (
        cut.Find("[data-testid=naive-misrouted]").TextContent,
        cut.Find("[data-testid=naive-hanging]").TextContent,
        cut.Find("[data-testid=naive-stranded]").TextContent);
}

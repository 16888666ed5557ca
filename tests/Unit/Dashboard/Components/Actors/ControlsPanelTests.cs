using Bunit;
using Dashboard.Components.Actors;
using Dashboard.Heartbeats;
using Dashboard.Services;
using TestSupport;

namespace Unit.Dashboard.Components.Actors;

/// <summary>
/// The controls panel and its sliders: plain inputs that act on a real session on a fake clock, and render only when
/// what they show changed.
/// </summary>
public sealed class ControlsPanelTests : DashboardTestContext
{
    private static readonly string[] Inputs =
    [
        "btn-request", "btn-burst", "btn-flood", "btn-crash", "burst-size", "mode-naive",
        "slider-latency", "slider-timeout", "slider-failure", "slider-never", "slider-handler-delay",
    ];

    [Fact]
    public void Enabled_FalseThenTrue_EveryInputIsDisabledUntilThen()
    {
        var cut = RenderPanel(enabled: false);

        Assert.All(Inputs, id => Assert.True(cut.Find($"[data-testid={id}]").HasAttribute("disabled"), id));

        cut.Render(p => p.Add(x => x.Session, Session).Add(x => x.Enabled, true));

        Assert.All(Inputs, id => Assert.False(cut.Find($"[data-testid={id}]").HasAttribute("disabled"), id));
    }

    [Fact]
    public void SliderInput_Latency_AppliesTheValueToTheExternalWorkAndShowsIt()
    {
        var cut = RenderPanel();

        cut.Find("[data-testid=slider-latency]").Input("1500");

        Assert.Equal(TimeSpan.FromMilliseconds(1500), Session.Worker.Settings.Latency);
        Assert.Equal("1500", cut.Find("[data-testid=slider-latency]").GetAttribute("value"));
        Assert.Contains("external latency: 1.5 s", cut.Find("label[for$=latency]").TextContent);
    }

    [Fact]
    public void SliderInput_Timeout_SetsTheSessionsCallTimeout()
    {
        var cut = RenderPanel();

        cut.Find("[data-testid=slider-timeout]").Input("500");

        Assert.Equal(TimeSpan.FromMilliseconds(500), Session.CallTimeout);
    }

    [Fact]
    public void SliderInput_OutsideTheSettingsBounds_ShowsTheErrorAndAppliesNothing_UntilAValidValue()
    {
        var cut = RenderPanel();
        var before = Session.Worker.Settings.Latency;

        cut.Find("[data-testid=slider-latency]").Input("120000"); // past ExternalWorkSettings.MaxLatency

        Assert.Equal(before, Session.Worker.Settings.Latency);
        Assert.Contains("Latency must be between", cut.Find("[data-testid=controls-error]").TextContent);
        Assert.Contains("mud-alert-text-error", cut.Find("[data-testid=controls-error]").ClassName);

        cut.Find("[data-testid=slider-latency]").Input("1000");

        Assert.Empty(cut.FindAll("[data-testid=controls-error]"));
        Assert.Equal(TimeSpan.FromSeconds(1), Session.Worker.Settings.Latency);
    }

    [Theory]
    [InlineData("500", "100")]
    [InlineData("0", "1")]
    [InlineData("-3", "1")]
    [InlineData("7", "7")]
    [InlineData("", "5")]
    [InlineData("abc", "5")]
    public void BurstSizeChange_ClampsToTheAllowedRange_AndTheFieldShowsTheSizeInUse(string typed, string shown)
    {
        var cut = RenderPanel();

        cut.Find("[data-testid=burst-size]").Change(typed);

        Assert.Equal(shown, cut.Find("[data-testid=burst-size]").GetAttribute("value"));
        Assert.Equal($"Burst {shown}", cut.Find("[data-testid=btn-burst]").TextContent);
    }

    [Fact]
    public void BurstSizeChange_AboveTheMaximumAgain_RendersSoTheFieldDropsWhatWasTyped()
    {
        var cut = RenderPanel();
        cut.Find("[data-testid=burst-size]").Change("500");
        var renders = cut.Instance.Renders;

        cut.Find("[data-testid=burst-size]").Change("900"); // the size stays 100, but the field shows 900 until rendered

        Assert.Equal(renders + 1, cut.Instance.Renders);
        Assert.Equal("100", cut.Find("[data-testid=burst-size]").GetAttribute("value"));
    }

    [Fact]
    public void Render_PageRendersWithNothingOfTheControlsChanged_RendersNeitherPanelNorSliders()
    {
        var cut = RenderPanel();
        var (panel, sliders) = Renders(cut);

        for (var i = 0; i < 3; i++)
        {
            cut.Render(p => p.Add(x => x.Session, Session).Add(x => x.Enabled, true).Add(x => x.OnChanged, () => { }));
        }

        Assert.Equal((panel, sliders), Renders(cut));
    }

    [Fact]
    public async Task CrashClicked_RendersThePanelOnce_AndNotTheSliders()
    {
        var cut = RenderPanel();
        var (panel, sliders) = Renders(cut);

        await cut.Find("[data-testid=btn-crash]").ClickAsync(new());

        Assert.Equal((panel + 1, sliders), Renders(cut));
    }

    [Fact]
    public async Task FloodClicked_RendersThePanelOnce_AndNotTheSliders()
    {
        var cut = RenderPanel();
        var (panel, sliders) = Renders(cut);

        await cut.Find("[data-testid=btn-flood]").ClickAsync(new());

        Assert.Contains("flood:", cut.Find("[data-testid=last-result]").TextContent);
        Assert.Equal((panel + 1, sliders), Renders(cut));
    }

    [Fact]
    public async Task RequestClicked_RendersOncePerState_WaitingThenResult()
    {
        var cut = RenderPanel();
        var (panel, sliders) = Renders(cut);

        var click = cut.Find("[data-testid=btn-request]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("Waiting…", cut.Find("[data-testid=btn-request]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=btn-request] [role=progressbar]"));
        await Until.TrueAsync(() => Session.Worker.InFlight == 1, "the job to start");
        Harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        await click.WaitAsync(TimeSpan.FromSeconds(15));

        cut.WaitForAssertion(() => Assert.Contains("replied", cut.Find("[data-testid=last-result]").TextContent));
        Assert.Equal((panel + 2, sliders), Renders(cut));
        Assert.Equal("Request", cut.Find("[data-testid=btn-request]").TextContent.Trim());
    }

    [Fact]
    public void SliderMoved_RendersTheSlidersOnce_AndNotThePanel()
    {
        var cut = RenderPanel();
        var (panel, sliders) = Renders(cut);

        cut.Find("[data-testid=slider-handler-delay]").Input("2000");

        Assert.Equal((panel, sliders + 1), Renders(cut));
    }

    [Fact]
    public async Task NaiveSwitchChecked_SwitchesTheModeAndShowsItChecked()
    {
        var cut = RenderPanel();

        await cut.Find("[data-testid=mode-naive]").ChangeAsync(new() { Value = true });

        Assert.Equal(ActorMode.Naive, Session.Mode);
        var box = cut.Find("[data-testid=mode-naive]");
        Assert.True(box.HasAttribute("checked"));
        Assert.Equal("true", box.GetAttribute("aria-checked"));
        Assert.Contains("switched to naive mode", cut.Find("[data-testid=last-result]").TextContent);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task NaiveSwitch_AnyModeEnabledOrNot_HasMudSwitchsClasses(bool naive, bool enabled)
    {
        if (naive)
        {
            await Session.SwitchModeAsync(ActorMode.Naive);
        }

        var cut = RenderPanel(enabled);
        var mud = Render<MudBlazor.MudSwitch<bool>>(p => p
            .Add(x => x.Value, naive).Add(x => x.Color, MudBlazor.Color.Warning).Add(x => x.Disabled, !enabled).Add(x => x.Label, "x"));

        foreach (var part in new[] { ".mud-switch", ".mud-switch-base", ".mud-switch-track" })
        {
            Assert.Equal(mud.Find(part).ClassName, cut.Find(part).ClassName);
        }

        Assert.Equal(naive, cut.Find("[data-testid=mode-naive]").HasAttribute("checked"));
    }

    private IRenderedComponent<ControlsPanel> RenderPanel(bool enabled = true) =>
        Render<ControlsPanel>(p => p.Add(x => x.Session, Session).Add(x => x.Enabled, enabled));

    /// <summary>
    /// The panel's own renders (bUnit's count of the root also counts its children's) and the sliders' renders.
    /// </summary>
    private static (int Panel, int Sliders) Renders(IRenderedComponent<ControlsPanel> cut) =>
        (cut.Instance.Renders, cut.FindComponent<ControlsSliders>().RenderCount);
}

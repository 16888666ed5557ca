using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Components.Actors;
using Dashboard.Services;
using MudBlazor.Services;

namespace Unit.Dashboard;

/// <summary>
/// The base class of every bUnit test of the dashboard: registers MudBlazor's services, lets MudBlazor's
/// JavaScript calls succeed without a browser (loose JS interop, default results), and owns the test's
/// fixtures — a <see cref="Harness"/> on first use, or any other through <see cref="Own{T}"/>.
/// </summary>
/// <remarks>
/// Some MudBlazor services are only <see cref="IAsyncDisposable"/>, so the context must be disposed
/// asynchronously; xunit 2 does that through <see cref="IAsyncLifetime"/> (before its synchronous
/// <c>Dispose</c>, which is then a no-op). The rendered components go first, then the fixtures they used,
/// newest first.
/// </remarks>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _fixtures = [];
    private SessionHarness? _harness;

    // bUnit waits one second by default; a busy 2-core CI machine running the suite in parallel needs more.
    static DashboardTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<global::Dashboard.Components.Shared.LiveRowsCircuit, RecordedLiveRows>(); // records the rows' patches
    }

    /// <summary>
    /// Renders as an interactive circuit does (a prerender carries no live rows' patches). Call it from the constructor:
    /// it builds the renderer, after which no service can be added.
    /// </summary>
    protected void RenderInteractively() => SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    /// <summary>A real actor system on a fake clock with one started session, created on first use.</summary>
    internal SessionHarness Harness => _harness ??= Own(new SessionHarness());

    /// <summary>The <see cref="Harness"/>'s session.</summary>
    internal ActorSession Session => Harness.Session;

    /// <summary>
    /// <paramref name="cut"/>'s page as the browser shows it, with the rows the component sent in its renders (the
    /// call timeline's, the calls table's): query it instead of <paramref name="cut"/> for what is inside them.
    /// </summary>
    protected AngleSharp.Dom.IDocument Browser<T>(IRenderedComponent<T> cut) where T : Microsoft.AspNetCore.Components.IComponent =>
        BrowserRows.Of(cut, RecordedRows);

    /// <summary>The circuit's live rows, with every patch the renders carried.</summary>
    internal RecordedLiveRows RecordedRows => (RecordedLiveRows)Services.GetRequiredService<global::Dashboard.Components.Shared.LiveRowsCircuit>();

    /// <summary>
    /// What a click on a drawn timeline row does in the browser: live-rows.js fires <c>change</c> on the row's
    /// <c>data-row-select</c> panel with the row's key as its value.
    /// </summary>
    protected void ClickTimelineRow(IRenderedComponent<CallTimeline> cut, long callId)
    {
        var row = Browser(cut).Find($"[data-testid=timeline-row][data-call-id='{callId}']");
        Assert.Equal("button", row.GetAttribute("role"));
        var panel = cut.Find("[data-row-select]");
        Assert.Equal(row.Closest("[data-testid=call-timeline]")!.Id, panel.Id);
        panel.Change(row.GetAttribute("data-row-key"));
    }

    /// <summary>Disposes <paramref name="fixture"/> with the test, after the rendered components.</summary>
    protected T Own<T>(T fixture) where T : IAsyncDisposable
    {
        _fixtures.Add(fixture);
        return fixture;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        for (var i = _fixtures.Count - 1; i >= 0; i--)
        {
            await _fixtures[i].DisposeAsync();
        }
    }
}

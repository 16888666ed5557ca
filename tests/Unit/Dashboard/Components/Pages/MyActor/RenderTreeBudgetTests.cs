#pragma warning disable BL0006 // the render tree's frames are read here on purpose: their count is what a tab keeps
using System.Reflection;
using Bunit;
using Dashboard.Cluster;
using Dashboard.Components.Actors;
using Dashboard.Components.Pages.MyActor;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Unit.Dashboard.Components.Pages.MyActor;

/// <summary>
/// Each live "My actor" tab keeps two render-tree buffers per component, rented in powers of two (at least 32 frames of
/// 40 bytes): a panel one frame past a power of two costs twice the memory. These budgets hold the panels below theirs.
/// </summary>
public sealed class RenderTreeBudgetTests : DashboardTestContext
{
    private static readonly MethodInfo CurrentFrames =
        typeof(Renderer).GetMethod("GetCurrentRenderTreeFrames", BindingFlags.Instance | BindingFlags.NonPublic)!;

    private readonly SessionHarness _harness;

    public RenderTreeBudgetTests()
    {
        _harness = Own(new SessionHarness());
        Services.AddSingleton(new NodeIdentity("node-a", "http://node-a.test", DateTimeOffset.UnixEpoch));
        Services.AddSingleton<TimeProvider>(_harness.Time);
        Services.AddSingleton(_harness.Session);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(_harness.Options));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task Render_AfterCallsAndAFlood_EachPanelStaysWithinItsBudget()
    {
        // Arrange
        var cut = Render<MyActorPage>();
        await Until.TrueAsync(() => cut.FindAll("[data-testid=actor-status]").Count == 1, "the page to show the actor");

        // Act: a call that replies, one that times out, a flood
        await CallAsync(TimeSpan.FromSeconds(5));
        _harness.Session.Configure(_harness.Session.Worker.Settings with { Latency = TimeSpan.FromSeconds(2) });
        await CallAsync(TimeSpan.FromSeconds(1));
        _harness.Session.Flood(100);
        await Until.TrueAsync(() =>
        {
            _harness.Time.Advance(TimeSpan.FromMilliseconds(100));
            return cut.Find("[data-testid=count-timeouts]").TextContent == "1";
        }, "the page to show the timeout");

        // Assert
        Assert.InRange(Frames<ControlsPanel>(cut), 1, 128);
        Assert.InRange(Frames<CountersPanel>(cut), 1, 64);
        Assert.InRange(Frames<MailboxPanel>(cut), 1, 64);
        Assert.InRange(Frames<ActorHeader>(cut), 1, 32);
        Assert.InRange(Frames<ExternalWorkPanel>(cut), 1, 64);
        Assert.InRange(Frames<CallTimeline>(cut), 1, 64); // its rows are the browser's (LiveRows)
        Assert.InRange(Frames<DeferredCallsPanel>(cut), 1, 32);
    }

    private async Task CallAsync(TimeSpan timeout)
    {
        var call = _harness.Session.RequestAsync(CallOrigin.Manual, timeout);
        await Until.TrueAsync(() =>
        {
            _harness.Time.Advance(TimeSpan.FromMilliseconds(100));
            return call.IsCompleted;
        }, "the call to end");
    }

    /// <summary>How many frames <typeparamref name="T"/>'s current render tree holds.</summary>
    private int Frames<T>(IRenderedComponent<MyActorPage> page) where T : IComponent =>
        ((ArrayRange<RenderTreeFrame>)CurrentFrames.Invoke(Renderer, [page.FindComponent<T>().ComponentId])!).Count;
}

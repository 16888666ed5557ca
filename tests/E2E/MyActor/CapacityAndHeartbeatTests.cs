using ActorRuntime;
using E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;
using static Microsoft.Playwright.Assertions;

namespace E2E.MyActor;

[Collection(OneActorCollection.Name)]
public sealed class CapacityAndHeartbeatTests(OneActorFixture fixture)
{
    [Fact]
    public async Task SecondTab_AtMaxActors_ShowsServerAtCapacityAndTheFirstKeepsWorking()
    {
        await NoActorLeftAsync();
        await using var context = await fixture.NewContextAsync();
        var first = await context.OpenInteractiveAsync("/");
        await Expect(first.GetByTestId("actor-pid")).Not.ToHaveTextAsync("—");

        var second = await context.OpenInteractiveAsync("/");

        await Expect(second.GetByTestId("at-capacity")).ToContainTextAsync("Server at capacity");
        await Expect(second.GetByTestId("actor-pid")).ToHaveCountAsync(0);
        await first.GetByTestId("btn-request").ClickAsync();
        await Expect(first.GetByTestId("last-result")).ToContainTextAsync("replied");
    }

    [Fact]
    public async Task BrowserHeartbeats_ArriveOnTheirOwnAndAreAnsweredAsDeferredCalls()
    {
        await NoActorLeftAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");

        // No clicks: the page's JS timer calls the actor every 0.3–0.5 s in this fixture; wait for three replies or more.
        await Expect(page.GetByTestId("count-replies")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^([3-9]|[1-9][0-9]+)$"));
        await Expect(page.GetByTestId("heartbeat-health")).ToHaveTextAsync("ok");
        await Expect(page.Locator("[data-testid=call-row]").First).ToContainTextAsync("heartbeat");
    }

    /// <summary>
    /// The node holds one actor: the other test's tab must have closed its actor on the server (which
    /// happens after the browser context is gone) before this test's first tab asks for one.
    /// </summary>
    private Task NoActorLeftAsync()
    {
        var actors = fixture.Server.Services.GetRequiredService<ActorSystem>();
        return Until.TrueAsync(() => actors.ActorCount == 0, "the previous test's actor stopped");
    }
}

using System.Text.RegularExpressions;
using ActorRuntime;
using E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using TestSupport;

namespace E2E.MyActor;

[Collection(QuietHeartbeatCollection.Name)]
public sealed partial class MyActorPageTests(QuietHeartbeatFixture fixture)
{
    [Fact]
    public async Task Request_Clicked_CompletesAndTheCountersMove()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");
        await Expect(page.GetByTestId("actor-pid")).ToHaveTextAsync(PidPattern());

        await page.GetByTestId("btn-request").ClickAsync();

        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("replied: pong after");
        await Expect(page.GetByTestId("count-calls")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("count-replies")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("count-timeouts")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("call-row").First).ToHaveAttributeAsync("data-stage", "replied");
    }

    [Fact]
    public async Task Request_NaiveLatencyAboveTimeout_TimesOutThenShowsTheLateReplyDropped()
    {
        // The naive actor lets the work of a caller who gave up run on, so its reply comes late; the correct
        // actor stops that work instead (CallStatesTests).
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");
        await page.GetByTestId("mode-naive").CheckAsync();
        await Expect(page.GetByTestId("naive-banner")).ToBeVisibleAsync();
        await page.SetSliderAsync("slider-latency", 1500);
        await page.SetSliderAsync("slider-timeout", 500);

        await page.GetByTestId("btn-request").ClickAsync();

        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("timed out after 500 ms while deferred");
        await Expect(page.GetByTestId("count-timeouts")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("count-late-replies")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("call-row").First).ToContainTextAsync("late reply dropped");
    }

    [Fact]
    public async Task Crash_WithWaitingCalls_FailsThemAtOnceAndShowsTheRestart()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");
        var pid = await page.GetByTestId("actor-pid").InnerTextAsync();
        await page.SetSliderAsync("slider-latency", 10_000);
        await page.SetSliderAsync("slider-timeout", 30_000);
        await page.GetByTestId("btn-burst").ClickAsync();
        await Expect(page.GetByTestId("pending-calls")).ToHaveTextAsync("5");
        await Expect(page.GetByTestId("external-in-flight")).ToHaveTextAsync("5");

        await page.GetByTestId("btn-crash").ClickAsync();

        // Far before the 30 s timeout: the callers fail because the actor died.
        await Expect(page.GetByTestId("restart-notice")).ToContainTextAsync("SimulatedCrashException");
        await Expect(page.GetByTestId("pending-calls")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("count-errors")).ToHaveTextAsync("5");
        await Expect(page.GetByTestId("count-restarts")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("actor-pid")).ToHaveTextAsync(pid);
        await Expect(page.GetByTestId("actor-status")).ToHaveTextAsync("idle");
        Assert.Equal(5, await page.Locator("[data-testid=call-row][data-stage=error]").CountAsync());
    }

    [Fact]
    public async Task Flood_BoundedMailbox_ShowsTheQueueGrowingAndTheRejections()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");

        await page.GetByTestId("btn-flood").ClickAsync();

        // 10,000 sent into a 5,000-slot mailbox that drains while the flood is still being sent.
        await Expect(page.GetByTestId("last-result")).ToHaveTextAsync(new Regex(@"^flood: 5,\d{3} queued, 4,\d{3} rejected \(mailbox full\)$|^flood: 5,000 queued, 5,000 rejected"));
        await Expect(page.GetByTestId("count-rejected")).ToHaveTextAsync(new Regex(@"^(4\d{3}|5000)$"));
        await Expect(page.GetByTestId("queue-depth")).Not.ToHaveTextAsync("0"); // visibly queued…
        await Expect(page.GetByTestId("queue-depth")).ToHaveTextAsync("0");     // …and drained
        await page.GetByTestId("btn-request").ClickAsync();                    // the tab still answers
        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("replied");
    }

    [Fact]
    public async Task ClosingTabs_StopsTheirActors()
    {
        var system = fixture.Server.Services.GetRequiredService<ActorSystem>();
        await using var context = await fixture.NewContextAsync();

        var tabs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => context.OpenInteractiveAsync("/")));
        foreach (var tab in tabs)
        {
            await Expect(tab.GetByTestId("actor-pid")).ToHaveTextAsync(PidPattern());
        }

        // Counted by pid, not by the node's total: earlier tests' tabs may still be closing.
        var pids = (await Task.WhenAll(tabs.Select(tab => tab.GetByTestId("actor-pid").InnerTextAsync()))).Select(text => Pid.Parse(text)).ToList();
        Assert.NotEqual(pids[0], pids[1]);
        Assert.All(pids, pid => Assert.True(system.IsAlive(pid)));

        foreach (var tab in tabs)
        {
            await tab.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        }

        await Until.TrueAsync(() => pids.All(pid => !system.IsAlive(pid)), "the closed tabs' actors to stop", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task HiddenTab_StopsRerendering_AndCatchesUpWhenShown()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");
        await page.SetSliderAsync("slider-latency", 10_000);
        await page.SetSliderAsync("slider-timeout", 30_000);
        await page.GetByTestId("btn-request").ClickAsync();
        await Expect(page.GetByTestId("pending-calls")).ToHaveTextAsync("1");
        await page.EvaluateAsync("""
            () => {
                window.__mutations = 0;
                new MutationObserver(list => { window.__mutations += list.length; })
                    .observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            }
            """);

        // Visible, with a call in motion: its elapsed time moves on screen.
        await UntilItChangesAsync(page, "a visible tab with a waiting call to re-render");

        // Hidden (as when the user switches tabs): the page goes still, though the call still waits.
        await page.SetTabHiddenAsync(hidden: true);
        await Until.TrueAsync(
            async () => await MutationsDuringAsync(page, TimeSpan.FromSeconds(1.5)) == 0, "a hidden tab to stop re-rendering");

        // Shown again: it renders at once and keeps going.
        var before = await page.GetByTestId("call-row").First.InnerTextAsync();
        await page.SetTabHiddenAsync(hidden: false);
        await Expect(page.GetByTestId("call-row").First).Not.ToHaveTextAsync(before);
        await UntilItChangesAsync(page, "a tab shown again to keep re-rendering");
        await Expect(page.GetByTestId("pending-calls")).ToHaveTextAsync("1");
    }

    /// <summary>DOM changes the page makes during <paramref name="window"/> (needs the observer the test installs).</summary>
    private static async Task<int> MutationsDuringAsync(IPage page, TimeSpan window)
    {
        var start = await MutationsAsync(page);
        await Task.Delay(window); // a quiet stretch of real time is what is asserted: nothing to wait for
        return await MutationsAsync(page) - start;
    }

    /// <summary>Returns once the page changes its DOM again.</summary>
    private static async Task UntilItChangesAsync(IPage page, string what)
    {
        var start = await MutationsAsync(page);
        await Until.TrueAsync(async () => await MutationsAsync(page) > start, what);
    }

    private static Task<int> MutationsAsync(IPage page) => page.EvaluateAsync<int>("() => window.__mutations");

    [GeneratedRegex(@"^<0\.\d+\.0>$")]
    private static partial Regex PidPattern();
}

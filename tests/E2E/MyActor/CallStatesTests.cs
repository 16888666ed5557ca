using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.MyActor;

/// <summary>
/// Every call state told truthfully, in a real browser: external work cancelled when its caller gives up, and
/// each of the three timeout kinds produced on purpose and shown with its hint.
/// </summary>
[Collection(QuietHeartbeatCollection.Name)]
public sealed class CallStatesTests(QuietHeartbeatFixture fixture)
{
    /// <summary>Long enough for a flood to drain (5,000 × 0.5 ms) on a loaded machine.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions AfterTheFlood = new() { Timeout = 20_000 };

    [Fact]
    public async Task Request_LatencyAboveTimeout_TimesOutWhileDeferredAndShowsTheExternalWorkCancelled()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");
        await page.SetSliderAsync("slider-latency", 5000);
        await page.SetSliderAsync("slider-timeout", 500);

        await page.GetByTestId("btn-request").ClickAsync();

        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("timed out after 500 ms while deferred");
        await Expect(page.GetByTestId("count-cancelled-work")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("external-cancelled")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("external-in-flight")).ToHaveTextAsync("0"); // stopped long before its 5 s
        await Expect(page.GetByTestId("count-timeouts")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("count-timeouts-deferred")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("timeout-hints")).ToContainTextAsync("NoReply, never answered in time");
        var row = page.GetByTestId("call-row").First;
        await Expect(row).ToContainTextAsync("external work cancelled (caller gave up)");
        await Expect(row.GetByTestId("call-hint")).ToHaveTextAsync("NoReply, never answered in time");
        await Expect(page.Locator("[data-testid=call-timeline] [data-kind=work-cancelled]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("count-late-replies")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task Request_BehindAFlood_TimesOutWhileQueuedThenIsSkippedAsExpired()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");
        await page.SetSliderAsync("slider-timeout", 100);
        await page.GetByTestId("btn-flood").ClickAsync();
        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("flood:");

        await page.GetByTestId("btn-request").ClickAsync(); // behind ~2.5 s of flood messages

        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("timed out after 100 ms while queued");
        await Expect(page.GetByTestId("count-timeouts-queued")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("count-timeouts-deferred")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("timeout-hints")).ToContainTextAsync("mailbox congestion: the call expired in the queue");
        await Expect(page.GetByTestId("call-row").First.GetByTestId("call-hint")).ToHaveTextAsync("mailbox congestion: the call expired in the queue");
        await Expect(page.GetByTestId("count-expired")).ToHaveTextAsync("1", AfterTheFlood); // the actor reached it and skipped it
        await Expect(page.GetByTestId("call-row").First).ToContainTextAsync("expired: skipped in the queue");
    }

    [Fact]
    public async Task Request_SlowHandlerAboveTimeout_TimesOutWhileInTheHandler()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");
        await page.SetSliderAsync("slider-handler-delay", 2000);
        await page.SetSliderAsync("slider-timeout", 500);

        await page.GetByTestId("btn-request").ClickAsync();

        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("timed out after 500 ms while in the handler");
        await Expect(page.GetByTestId("count-timeouts-handler")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("timeout-hints")).ToContainTextAsync("the handler itself was still running");
        await Expect(page.GetByTestId("call-row").First.GetByTestId("call-hint")).ToHaveTextAsync("the handler itself was still running");
        await Expect(page.GetByTestId("count-cancelled-work")).ToHaveTextAsync("1"); // its job starts after the caller left, and stops at once
    }
}

using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Timeline;

/// <summary>Burst 5 against the naive actor (one From slot) and against the correct one, as the timeline and the counters show it.</summary>
[Collection(TimelineCollection.Name)]
public sealed class NaiveModeTimelineTests(TimelineFixture fixture)
{
    [Fact]
    public async Task NaiveBurst_StrandsAndMisroutesCallers_OnTheTimelineAndInTheCounters()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenInModeAsync(context, naive: true);
        var timeline = page.GetByTestId("call-timeline");

        await page.GetByTestId("btn-burst").ClickAsync();

        // While the burst runs, the callers whose From was overwritten hang visibly (a live red dashed line).
        await Expect(timeline.Locator("[data-kind=stranded-wait].live").First).ToBeAttachedAsync(); // a horizontal line: no height, so "attached", not "visible"
        await Expect(page.GetByTestId("naive-hanging")).Not.ToHaveTextAsync("0");

        // After their 6 s timeout: red end-marks, and the counters agree with the drawing.
        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("burst of 5:");
        await Expect(timeline.GetByTestId("timeline-row")).ToHaveCountAsync(5);
        var timeouts = int.Parse(await page.GetByTestId("count-timeouts").TextContentAsync() ?? "");
        var misrouted = int.Parse(await page.GetByTestId("count-misrouted").TextContentAsync() ?? "");
        Assert.True(timeouts >= 1, "the earlier callers time out: nobody holds their From any more");
        Assert.Equal(5, timeouts + misrouted + int.Parse(await page.GetByTestId("count-replies").TextContentAsync() ?? ""));
        await Expect(timeline.Locator("[data-kind=timeout-mark]")).ToHaveCountAsync(timeouts);
        await Expect(timeline.Locator("[data-kind=misrouted-arrow]")).ToHaveCountAsync(misrouted);
        await Expect(timeline.Locator("[data-testid=timeline-row][data-stranded=true]")).ToHaveCountAsync(timeouts);
        await Expect(page.GetByTestId("naive-stranded")).ToHaveTextAsync(timeouts.ToString());
        await Expect(page.GetByTestId("naive-misrouted")).ToHaveTextAsync(misrouted.ToString());

        await page.SetViewportSizeAsync(1400, 1000);
        await page.GetByLabel("Toggle navigation").ClickAsync(); // the page's full width for the picture
        await page.EvaluateAsync("window.scrollTo(0, 0)"); // the app bar is fixed: at the top, not mid-picture
        var path = ScreenshotPath("timeline-naive.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000);
    }

    [Fact]
    public async Task CorrectBurst_EveryCallerGetsItsOwnAnswer_NothingStrandedOrMisrouted()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenInModeAsync(context, naive: false);
        var timeline = page.GetByTestId("call-timeline");

        await page.GetByTestId("btn-burst").ClickAsync();

        await Expect(page.GetByTestId("last-result")).ToHaveTextAsync("burst of 5: 5 replied");
        await Expect(page.GetByTestId("count-replies")).ToHaveTextAsync("5");
        await Expect(page.GetByTestId("count-misrouted")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("count-timeouts")).ToHaveTextAsync("0");
        await Expect(timeline.Locator("[data-testid=timeline-row][data-stage=replied]")).ToHaveCountAsync(5);
        await Expect(timeline.Locator("[data-kind=arrow][data-step='6']")).ToHaveCountAsync(5);
        await Expect(timeline.Locator("[data-kind=timeout-mark], [data-kind=misrouted-arrow], [data-kind=stranded-wait]")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("naive-banner")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ClickingACall_ShowsItsStepsAndTheCaveatsPanelOpens()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenInModeAsync(context, naive: false);
        await page.GetByTestId("btn-request").ClickAsync();
        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("replied");

        await page.GetByTestId("timeline-row").First.ClickAsync();
        await page.GetByTestId("btn-caveats").ClickAsync();

        await Expect(page.GetByTestId("timeline-details").GetByTestId("timeline-detail-row")).ToHaveCountAsync(6);
        await Expect(page.GetByTestId("caveats-panel")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        await Expect(page.GetByTestId("caveat-one-at-a-time")).ToContainTextAsync("One message at a time");
        await Expect(page.GetByTestId("caveat-need-actor")).ToContainTextAsync("Do you need an actor at all?");
    }

    private static async Task<IPage> OpenInModeAsync(IBrowserContext context, bool naive)
    {
        var page = await context.OpenInteractiveAsync("/");
        await Expect(page.GetByTestId("btn-burst")).ToBeEnabledAsync();
        if (naive)
        {
            await page.GetByTestId("mode-naive").CheckAsync();
            await Expect(page.GetByTestId("naive-banner")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("actor-status")).ToHaveTextAsync("idle");
        }

        return page;
    }

    /// <summary>docs/screenshots when UPDATE_SCREENSHOTS=1, a temporary folder otherwise.</summary>
    private static string ScreenshotPath(string name) => Path.Combine(
        Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot.Path, "docs", "screenshots")
            : Path.Combine(Path.GetTempPath(), "e2e-screenshots"),
        name);
}

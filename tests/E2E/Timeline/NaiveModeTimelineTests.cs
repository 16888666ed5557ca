using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Timeline;

/// <summary>Bursts against the naive actor (one From slot) and against the correct one, as the timeline and the counters show them.</summary>
[Collection(TimelineCollection.Name)]
public sealed class NaiveModeTimelineTests(TimelineFixture fixture)
{
    [Fact]
    public async Task NaiveBurst_AfterAQuickerCall_MisroutesItsAnswerAndStrandsTheOthers()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenInModeAsync(context, naive: true);
        var timeline = page.GetByTestId("call-timeline");

        // Ordered latencies make the run deterministic: the Request's job (2 s ± 20 %) ends before any of the
        // burst's (4 s ± 20 %), by which time the burst's last caller holds the one slot — so it gets that answer.
        await page.SetSliderAsync("slider-latency", 2_000);
        await page.GetByTestId("btn-request").ClickAsync();
        await Expect(page.GetByTestId("external-in-flight")).ToHaveTextAsync("1");
        await page.SetSliderAsync("slider-latency", 4_000);
        await page.GetByTestId("btn-burst").ClickAsync();
        await Expect(page.GetByTestId("external-in-flight")).ToHaveTextAsync("6"); // the burst was handled before the first job ended

        // While the burst runs, the callers whose From was overwritten hang visibly (a live red dashed line).
        await Expect(timeline.Locator("[data-kind=stranded-wait].live").First).ToBeAttachedAsync(); // a horizontal line: no height, so "attached", not "visible"
        await Expect(page.GetByTestId("naive-hanging")).Not.ToHaveTextAsync("0");

        // The burst's last caller got the Request's answer; everyone else waited for their 6 s timeout.
        await Expect(page.GetByTestId("last-result")).ToHaveTextAsync("burst of 5: 4 timedout, 1 misrouted");
        await Expect(page.GetByTestId("count-misrouted")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("count-timeouts")).ToHaveTextAsync("5");
        await Expect(page.GetByTestId("count-replies")).ToHaveTextAsync("0");
        await Expect(timeline.GetByTestId("timeline-row")).ToHaveCountAsync(6);
        var receiver = timeline.Locator("[data-testid=timeline-row][data-stage=misrouted]");
        await Expect(receiver).ToHaveCountAsync(1);
        var arrow = timeline.Locator("[data-kind=misrouted-arrow]");
        await Expect(arrow).ToHaveCountAsync(1);
        await Expect(arrow).ToHaveAttributeAsync("data-target-call-id", await receiver.GetAttributeAsync("data-call-id") ?? "");
        await Expect(timeline.Locator("[data-kind=timeout-mark]")).ToHaveCountAsync(5);
        await Expect(timeline.Locator("[data-testid=timeline-row][data-stranded=true]")).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("naive-stranded")).ToHaveTextAsync("5");
        await Expect(page.GetByTestId("naive-misrouted")).ToHaveTextAsync("1");
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

    [Fact]
    public async Task EnterOnAFocusedCall_ShowsItsSteps_EnterAgainHidesThem()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenInModeAsync(context, naive: false);
        await page.GetByTestId("btn-request").ClickAsync();
        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("replied");
        var row = page.GetByTestId("timeline-row").First;

        await row.FocusAsync();
        await row.PressAsync("Enter");

        await Expect(page.GetByTestId("timeline-details").GetByTestId("timeline-detail-row")).ToHaveCountAsync(6);
        await Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));
        await row.PressAsync("Enter");
        await Expect(page.GetByTestId("timeline-details")).ToHaveCountAsync(0);
    }

    internal static async Task<IPage> OpenInModeAsync(IBrowserContext context, bool naive)
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
}

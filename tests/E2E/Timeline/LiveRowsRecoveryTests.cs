using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Timeline;

/// <summary>
/// The timeline's and the calls table's rows are the browser's (wwwroot/js/live-rows.js applies the patches the render
/// batches carry): when the page loses them, the next patch cannot apply, the browser asks the circuit for every row
/// again, and they all come back.
/// </summary>
[Collection(TimelineCollection.Name)]
public sealed class LiveRowsRecoveryTests(TimelineFixture fixture)
{
    [Fact]
    public async Task RowsLostInThePage_TheNextChangeBringsEveryRowBack()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await NaiveModeTimelineTests.OpenInModeAsync(context, naive: false);
        await page.GetByTestId("btn-request").ClickAsync();
        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("replied");
        var timelineRows = page.GetByTestId("timeline-row");
        var callRows = page.GetByTestId("call-row");
        var before = await timelineRows.CountAsync();
        Assert.True(before >= 1, "the request's call is drawn");
        Assert.Equal(before, await callRows.CountAsync());
        var first = await timelineRows.Last.GetAttributeAsync("data-call-id");

        // Something outside Blazor empties both containers; the circuit still believes the browser has the rows.
        await page.EvaluateAsync("() => document.querySelectorAll('[data-rows-patch]').forEach(box => box.replaceChildren())");
        await Expect(timelineRows).ToHaveCountAsync(0);
        await page.GetByTestId("btn-request").ClickAsync();

        // The patch that names the old rows without their HTML does not apply: the browser asks for them all.
        await Expect(timelineRows).ToHaveCountAsync(before + 1);
        await Expect(callRows).ToHaveCountAsync(before + 1);
        await Expect(page.Locator($"[data-testid=timeline-row][data-call-id='{first}']")).ToHaveCountAsync(1);
        await Expect(page.Locator($"[data-testid=call-row][data-call-id='{first}']")).ToHaveCountAsync(1);
    }
}

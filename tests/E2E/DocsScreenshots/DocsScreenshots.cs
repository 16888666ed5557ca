using E2E.Infrastructure;
using E2E.MyActor;
using E2E.Timeline;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

// A doc tool, not tests: this folder is compiled only when the build sees DOCS_SCREENSHOTS=1 (see E2E.csproj),
// so a normal run neither counts nor skips these. Regenerate the README's pictures with
//   DOCS_SCREENSHOTS=1 dotnet test tests/E2E --filter "FullyQualifiedName~DocsScreenshots"
namespace E2E.DocsScreenshots;

/// <summary>Where the pictures go: <c>docs/screenshots/</c>.</summary>
internal static class Screenshots
{
    /// <summary>Writes a full-page picture of <paramref name="page"/> to <c>docs/screenshots/<paramref name="name"/></c>.</summary>
    public static async Task TakeAsync(IPage page, string name)
    {
        var path = Path.Combine(RepositoryRoot.Path, "docs", "screenshots", name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty");
    }
}

/// <summary><c>my-actor.png</c>: a tab's actor during a burst and a flood.</summary>
[Collection(QuietHeartbeatCollection.Name)]
public sealed class MyActorScreenshot(QuietHeartbeatFixture fixture)
{
    [Fact]
    public async Task MyActor_DuringABurstAndAFlood_IsPictured()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");
        await page.SetViewportSizeAsync(1400, 1500);
        // Long enough that the five jobs are still in flight however slowly a loaded machine renders.
        await page.SetSliderAsync("slider-latency", 10_000);
        await page.SetSliderAsync("slider-timeout", 30_000);
        await page.GetByTestId("btn-burst").ClickAsync();
        await Expect(page.GetByTestId("external-in-flight")).ToHaveTextAsync("5");
        await page.GetByTestId("btn-flood").ClickAsync();

        await Screenshots.TakeAsync(page, "my-actor.png");
    }
}

/// <summary><c>timeline-naive.png</c>: a burst against the naive actor, after its callers' timeouts.</summary>
[Collection(TimelineCollection.Name)]
public sealed class NaiveTimelineScreenshot(TimelineFixture fixture)
{
    [Fact]
    public async Task NaiveBurst_AfterTheTimeouts_IsPictured()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await NaiveModeTimelineTests.OpenInModeAsync(context, naive: true);
        await page.GetByTestId("btn-burst").ClickAsync();
        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("burst of 5:");

        await page.SetViewportSizeAsync(1400, 1000);
        await page.GetByLabel("Toggle navigation").ClickAsync(); // the page's full width for the picture
        await page.EvaluateAsync("window.scrollTo(0, 0)"); // the app bar is fixed: at the top, not mid-picture
        await Screenshots.TakeAsync(page, "timeline-naive.png");
    }
}

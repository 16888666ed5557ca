using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Operator;

/// <summary>The pages fit the window: no sideways scrolling on a 1280 px laptop, usable on a phone.</summary>
[Collection(OperatorCollection.Name)]
public sealed class ResponsiveLayoutTests(OperatorFixture fixture)
{
    private static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task Overview_At1280Px_ShowsEveryColumnWithoutHorizontalScroll()
    {
        // Arrange: a user's tab that has made a call, so that its row has figures
        await using var admin = await fixture.Browser.NewContextAsync(Options(Laptop));
        await using var user = await fixture.NewContextAsync();
        var tab = await user.OpenInteractiveAsync("/");
        await tab.GetByTestId("btn-request").ClickAsync();

        // Act
        var overview = await OperatorFixture.SignInAsync(admin);
        await Expect(overview.GetByTestId("overview-row")).ToHaveCountAsync(1);

        // Assert
        await AssertNoHorizontalScrollAsync(overview);
        var table = overview.Locator("[data-testid=overview-table] .mud-table-container");
        Assert.True(await table.EvaluateAsync<bool>("el => el.scrollWidth <= el.clientWidth"), "the overview table scrolls sideways");
        foreach (var column in new[] { "Pid", "Timeouts", "HeartbeatAge", "HandleTimeP99" })
        {
            await AssertWithinWidthAsync(overview.GetByTestId($"sort-{column}"), Laptop.Width);
        }
    }

    [Fact]
    public async Task MyActor_At1280Px_HasNoHorizontalScroll()
    {
        // Arrange
        await using var context = await fixture.Browser.NewContextAsync(Options(Laptop));

        // Act
        var page = await context.OpenInteractiveAsync("/");
        await page.GetByTestId("btn-request").ClickAsync();
        await Expect(page.GetByTestId("count-replies")).Not.ToHaveTextAsync("0");

        // Assert
        await AssertNoHorizontalScrollAsync(page);
    }

    [Fact]
    public async Task Overview_AtPhoneWidth_StacksRowsAsCardsWithoutHorizontalScroll()
    {
        // Arrange
        await using var admin = await fixture.Browser.NewContextAsync(Options(Phone));
        await using var user = await fixture.NewContextAsync();
        await user.OpenInteractiveAsync("/");

        // Act
        var overview = await OperatorFixture.SignInAsync(admin);
        await Expect(overview.GetByTestId("overview-row")).ToHaveCountAsync(1);

        // Assert: no page scroll; the row is a card whose cells each carry their label and fit the screen
        await AssertNoHorizontalScrollAsync(overview);
        var row = overview.Locator("[data-testid=overview-table] tbody tr.mud-table-row").First;
        var (right, height) = await RightAndHeightAsync(row);
        Assert.InRange(right, 0, Phone.Width);
        Assert.True(height > 200, $"a card stacks its cells one under another (height {height} px)");
        await Expect(overview.GetByTestId("overview-row")).ToHaveAttributeAsync("data-label", "pid");
        await AssertWithinWidthAsync(row.Locator("td[data-label='handle time p99']"), Phone.Width);
        await Expect(overview.GetByTestId("dark-mode-toggle")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task MyActor_AtPhoneWidth_HasNoHorizontalScroll()
    {
        // Arrange
        await using var context = await fixture.Browser.NewContextAsync(Options(Phone));

        // Act
        var page = await context.OpenInteractiveAsync("/");

        // Assert: the timeline scrolls inside its own box, the page does not
        await Expect(page.GetByTestId("btn-request")).ToBeEnabledAsync();
        await AssertNoHorizontalScrollAsync(page);
    }

    private BrowserNewContextOptions Options(ViewportSize viewport) => new() { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = viewport };

    /// <summary>Checks that <paramref name="element"/> lies within the window's width (scrolled into view, so that it is laid out where it is seen).</summary>
    private static async Task AssertWithinWidthAsync(ILocator element, int width)
    {
        var edges = await element.EvaluateAsync<double[]>(
            "el => { el.scrollIntoView({ block: 'center' }); const r = el.getBoundingClientRect(); return [r.left, r.right]; }");
        Assert.True(edges[0] >= 0 && edges[1] <= width, $"the element spans {edges[0]:0}–{edges[1]:0} px of a {width} px window");
    }

    /// <summary>The element's right edge and height, read in one step (the table re-renders every refresh).</summary>
    private static async Task<(double Right, double Height)> RightAndHeightAsync(ILocator element)
    {
        var box = await element.EvaluateAsync<double[]>("el => { const r = el.getBoundingClientRect(); return [r.right, r.height]; }");
        return (box[0], box[1]);
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth, $"the page scrolls sideways: scrollWidth {scrollWidth} > clientWidth {clientWidth}");
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Infrastructure;

/// <summary>Browser helpers shared by the E2E tests.</summary>
public static class PageExtensions
{
    /// <summary>
    /// Waits until the page's Blazor circuit is up: the layout's <c>data-interactive</c> attribute turns
    /// "true" only when it renders inside the circuit, after the prerendered HTML has been replaced.
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        Expect(page.GetByTestId("app-shell")).ToHaveAttributeAsync("data-interactive", "true");

    /// <summary>Opens <paramref name="path"/> in a new tab of <paramref name="context"/> and waits until it is interactive.</summary>
    public static async Task<IPage> OpenInteractiveAsync(this IBrowserContext context, string path = "/")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        return page;
    }

    /// <summary>Moves a MudSlider (an input of type range) the way a drag does: sets the value and fires <c>input</c>.</summary>
    public static async Task SetSliderAsync(this IPage page, string testId, int value) =>
        await page.GetByTestId(testId).EvaluateAsync(
            "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }", value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Makes the page believe its browser tab went to the background (or came to the front) and tells it so,
    /// as switching tabs does in a real browser. Headless tabs otherwise all count as visible.
    /// </summary>
    public static async Task SetTabHiddenAsync(this IPage page, bool hidden) => await page.EvaluateAsync("""
        hidden => {
            Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
            Object.defineProperty(document, "visibilityState", { configurable: true, get: () => hidden ? "hidden" : "visible" });
            document.dispatchEvent(new Event("visibilitychange"));
        }
        """, hidden);
}

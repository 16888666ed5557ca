using System.Text.RegularExpressions;
using E2E.Infrastructure;
using Microsoft.Playwright;
using MudBlazor;
using static Microsoft.Playwright.Assertions;

namespace E2E.Operator;

/// <summary>Dark mode in a real browser: it follows <c>prefers-color-scheme</c>, and the app-bar switch overrides it for later pages too.</summary>
[Collection(OperatorCollection.Name)]
public sealed class DarkModeTests(OperatorFixture fixture)
{
    private static readonly MudTheme Defaults = new();

    [Fact]
    public async Task BrowserPrefersDark_PageIsDark_AndTheSwitchFlipsItForLaterPagesToo()
    {
        // Arrange
        await using var context = await NewContextAsync(ColorScheme.Dark);

        // Act
        var page = await context.OpenInteractiveAsync("/");

        // Assert: dark, as the browser prefers
        var toggle = page.GetByTestId("dark-mode-toggle");
        await Expect(toggle).ToHaveAttributeAsync("data-dark", "true");
        await Expect(toggle).ToBeEnabledAsync();
        Assert.Equal(Rgb(Defaults.PaletteDark.Background), await BackgroundAsync(page));

        // Act: the switch
        await toggle.ClickAsync();

        // Assert: light now, and still light on a page loaded afterwards (the choice is in a cookie)
        await Expect(toggle).ToHaveAttributeAsync("data-dark", "false");
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", Rgb(Defaults.PaletteLight.Background));
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        Assert.Equal(Rgb(Defaults.PaletteLight.Background), await BackgroundAsync(page));
        await Expect(toggle).ToHaveAttributeAsync("data-dark", "false");

        // Act: flip back to what the browser prefers
        await toggle.ClickAsync();

        // Assert: dark, and the cookie is gone: the tab follows the browser again
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", Rgb(Defaults.PaletteDark.Background));
        Assert.DoesNotContain(await context.CookiesAsync(), cookie => cookie.Name == Dashboard.Components.Layout.ThemeCookie.Name);
    }

    [Fact]
    public async Task BrowserPrefersLight_PageIsLight()
    {
        // Arrange
        await using var context = await NewContextAsync(ColorScheme.Light);

        // Act
        var page = await context.OpenInteractiveAsync("/");

        // Assert
        await Expect(page.GetByTestId("dark-mode-toggle")).ToHaveAttributeAsync("data-dark", "false");
        Assert.Equal(Rgb(Defaults.PaletteLight.Background), await BackgroundAsync(page));
    }

    [Fact]
    public async Task BrowserPrefersDark_StaticSignInPage_IsDarkWithoutACircuit()
    {
        // Arrange
        await using var context = await NewContextAsync(ColorScheme.Dark);
        var page = await context.NewPageAsync();

        // Act
        await page.GotoAsync("/overview");

        // Assert: redirected to the statically rendered sign-in page, which is dark from CSS alone
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        Assert.Equal(Rgb(Defaults.PaletteDark.Background), await BackgroundAsync(page));
        Assert.Equal(Rgb(Defaults.PaletteDark.Surface), await page.Locator(".mud-paper").First.EvaluateAsync<string>("el => getComputedStyle(el).backgroundColor"));
    }

    private Task<IBrowserContext> NewContextAsync(ColorScheme scheme) =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), ColorScheme = scheme });

    private static Task<string> BackgroundAsync(IPage page) =>
        page.Locator("body").EvaluateAsync<string>("el => getComputedStyle(el).backgroundColor");

    /// <summary>A MudBlazor colour as the browser reports a computed colour: <c>rgb(r, g, b)</c>.</summary>
    private static string Rgb(MudBlazor.Utilities.MudColor color) => $"rgb({color.R}, {color.G}, {color.B})";
}

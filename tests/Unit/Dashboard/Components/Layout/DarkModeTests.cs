using Bunit;
using Dashboard.Cluster;
using Dashboard.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Unit.Dashboard.Components.Layout;

/// <summary>The layout's light/dark handling: the server-rendered palette, the browser's preference and the app-bar switch.</summary>
public sealed class DarkModeTests : DashboardTestContext
{
    private const string DarkMedia = "style[media='(prefers-color-scheme: dark)']";
    private static readonly MudTheme Defaults = new();

    public DarkModeTests() => Services.AddSingleton(new NodeIdentity("node-a", "http://node-a.test", DateTimeOffset.UnixEpoch));

    [Fact]
    public void Render_Prerendering_AddsTheDarkPaletteForDarkBrowsers_AndKeepsTheSwitchDisabled()
    {
        // Arrange
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        // Act
        var cut = RenderLayout(ThemeChoice.Browser);

        // Assert
        var media = cut.Find(DarkMedia).TextContent;
        Assert.Contains($"--mud-palette-background: {Defaults.PaletteDark.Background};", media, StringComparison.Ordinal);
        Assert.Contains("--mud-native-html-color-scheme: dark;", media, StringComparison.Ordinal);
        Assert.Contains($"--mud-palette-background: {Defaults.PaletteLight.Background};", ThemeStyle(cut), StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=dark-mode-toggle]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_DarkChosenBefore_RendersTheDarkPaletteOnly()
    {
        // Arrange
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        // Act
        var cut = RenderLayout(ThemeChoice.Dark);

        // Assert
        Assert.Empty(cut.FindAll(DarkMedia));
        Assert.Contains($"--mud-palette-background: {Defaults.PaletteDark.Background};", ThemeStyle(cut), StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-dark"));
    }

    [Fact]
    public void FirstRender_BrowserPrefersDark_TurnsDarkAndDropsTheMediaStyle()
    {
        // Arrange
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);

        // Act
        var cut = RenderLayout(ThemeChoice.Browser);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-dark")));
        Assert.Empty(cut.FindAll(DarkMedia));
        Assert.False(cut.Find("[data-testid=dark-mode-toggle]").HasAttribute("disabled"));
        Assert.Equal(ThemeChoice.Browser, cut.Instance.Choice);
    }

    [Fact]
    public async Task Toggle_BrowserPrefersLight_TurnsDarkAndRemembersDark()
    {
        // Arrange
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(false);
        var module = JSInterop.SetupModule("./js/theme.js");
        module.SetupVoid("remember", _ => true).SetVoidResult();
        var cut = RenderLayout(ThemeChoice.Browser);
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=dark-mode-toggle]").HasAttribute("disabled")));

        // Act
        await cut.Find("[data-testid=dark-mode-toggle]").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-dark")));
        Assert.Contains($"--mud-palette-background: {Defaults.PaletteDark.Background};", ThemeStyle(cut), StringComparison.Ordinal);
        Assert.Equal(ThemeChoice.Dark, cut.Instance.Choice);
        Assert.Equal("dark", module.VerifyInvoke("remember").Arguments[0]);
    }

    [Fact]
    public async Task Toggle_BackToWhatTheBrowserPrefers_ForgetsTheChoice()
    {
        // Arrange: light was chosen in a browser that prefers dark
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);
        var module = JSInterop.SetupModule("./js/theme.js");
        module.SetupVoid("remember", _ => true).SetVoidResult();
        var cut = RenderLayout(ThemeChoice.Light);
        Assert.Equal("false", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-dark"));

        // Act
        await cut.Find("[data-testid=dark-mode-toggle]").ClickAsync(new());

        // Assert: dark again, and the tab follows the browser from now on
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("data-dark")));
        Assert.Equal(ThemeChoice.Browser, cut.Instance.Choice);
        Assert.Null(module.VerifyInvoke("remember").Arguments[0]);
    }

    [Theory]
    [InlineData("dark", ThemeChoice.Dark)]
    [InlineData("light", ThemeChoice.Light)]
    [InlineData(null, ThemeChoice.Browser)]
    [InlineData("purple", ThemeChoice.Browser)]
    public void Parse_CookieValue_GivesTheChoice(string? value, ThemeChoice expected)
    {
        // Act
        var choice = ThemeCookie.Parse(value);

        // Assert
        Assert.Equal(expected, choice);
        Assert.Equal(expected == ThemeChoice.Browser ? null : value, ThemeCookie.Value(choice));
    }

    private IRenderedComponent<MainLayout> RenderLayout(ThemeChoice choice) =>
        Render<MainLayout>(parameters => parameters
            .AddCascadingValue(choice)
            .Add(layout => layout.Body, builder => builder.AddMarkupContent(0, "<p>page</p>")));

    private static string ThemeStyle(IRenderedComponent<MainLayout> cut) => cut.Find("style.mud-theme-provider").TextContent;
}

using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Components.Layout;

/// <summary>
/// The app bar (navigation toggle, light/dark switch, sign-in), the navigation drawer and the page.
/// </summary>
/// <remarks>
/// Light or dark: the choice in the <see cref="ThemeCookie"/> when there is one, else the browser's preference.
/// The server renders the choice (or, for the browser's preference, CSS that follows <c>prefers-color-scheme</c>);
/// once the tab is interactive the layout asks MudBlazor for the system setting. The switch stores an explicit
/// choice, or forgets it when the new mode is what the browser prefers anyway, so the tab follows the browser again.
/// </remarks>
public sealed partial class MainLayout : IAsyncDisposable
{
    private readonly MudBlazor.MudTheme _theme = DashboardTheme.Create();
    private DashboardThemeProvider? _themeProvider;
    private IJSObjectReference? _themeModule;
    private bool _drawerOpen = true;
    private bool _isDarkMode;
    private bool _resolved;
    private ThemeChoice _choice;

    /// <summary>The choice from the request's cookie, cascaded by <c>Routes</c>; <see cref="ThemeChoice.Browser"/> when absent.</summary>
    [CascadingParameter] public ThemeChoice InitialTheme { get; set; }

    [Inject] private IJSRuntime JS { get; set; } = null!;

    /// <summary>Whether the pages are dark now (exposed for tests).</summary>
    internal bool IsDarkMode => _isDarkMode;

    /// <summary>The light/dark choice now (exposed for tests).</summary>
    internal ThemeChoice Choice => _choice;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_themeModule is not null)
        {
            try
            {
                await _themeModule.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The tab is gone, and the module with it.
            }
        }
    }

    protected override void OnInitialized()
    {
        _choice = InitialTheme;
        _isDarkMode = _choice == ThemeChoice.Dark;
        _resolved = _choice != ThemeChoice.Browser && RendererInfo.IsInteractive;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive || _resolved || _themeProvider is null)
        {
            return; // JS interop exists only once the tab is interactive
        }

        _isDarkMode = await _themeProvider.GetSystemDarkModeAsync();
        _resolved = true;
        StateHasChanged();
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        var dark = !_isDarkMode;
        var browserDark = _themeProvider is not null && await _themeProvider.GetSystemDarkModeAsync();
        _choice = dark == browserDark ? ThemeChoice.Browser : dark ? ThemeChoice.Dark : ThemeChoice.Light;
        _isDarkMode = dark;
        _themeModule ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/theme.js");
        await _themeModule.InvokeVoidAsync("remember", ThemeCookie.Value(_choice));
    }
}

using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>MudBlazor's default theme with the dark palette's table shades toned down.</summary>
public static class DashboardTheme
{
    /// <summary>
    /// A new theme (each provider gets its own: <see cref="DashboardThemeProvider"/> briefly swaps its palettes while
    /// it writes the CSS for dark browsers). In the dark palette, striped and hovered table rows are a faint lift of
    /// the surface instead of MudBlazor's bright grey, which outshone the figures in the rows.
    /// </summary>
    public static MudTheme Create() => new()
    {
        PaletteDark = new PaletteDark
        {
            TableStriped = "rgba(255,255,255,0.04)",
            TableHover = "rgba(255,255,255,0.08)",
        },
    };
}

using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>
/// MudBlazor's theme provider that can also follow the browser's colour scheme without JavaScript: with
/// <see cref="FollowBrowserWithCss"/> it adds the dark palette inside <c>@media (prefers-color-scheme: dark)</c>,
/// so that a page rendered on the server (prerendering, the static sign-in page) is dark at once in a dark browser.
/// </summary>
/// <remarks>
/// Once the tab is interactive the layout also sets <see cref="MudThemeProvider.IsDarkMode"/> from
/// <see cref="MudThemeProvider.GetSystemDarkModeAsync"/>, so MudBlazor's own logic agrees with the CSS.
/// </remarks>
public sealed class DashboardThemeProvider : MudThemeProvider
{
    private string? _darkMediaStyle;

    /// <summary>
    /// Whether to add the dark palette for browsers that prefer dark. Set it, with <see cref="MudThemeProvider.IsDarkMode"/>
    /// false, while the choice is "as the browser prefers" and the tab has not yet asked the browser; leave it off for an
    /// explicit light or dark choice. Defaults to false.
    /// </summary>
    [Parameter] public bool FollowBrowserWithCss { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        base.BuildRenderTree(__builder);
        if (FollowBrowserWithCss)
        {
            __builder.AddMarkupContent(1000, _darkMediaStyle ??= DarkMediaStyle());
        }
    }

    /// <summary>The dark palette's variables as MudBlazor writes them, applied only when the browser prefers dark.</summary>
    private string DarkMediaStyle()
    {
        var theme = GetTheme();
        var css = new StringBuilder("<style media=\"(prefers-color-scheme: dark)\">").Append(theme.PseudoCss.Scope).AppendLine("{");
        var light = theme.PaletteLight;
        theme.PaletteLight = theme.PaletteDark; // GenerateTheme writes the light palette while IsDarkMode is false
        try
        {
            GenerateTheme(css);
        }
        finally
        {
            theme.PaletteLight = light;
        }

        return css.AppendLine("--mud-native-html-color-scheme: dark;").AppendLine("}").Append("</style>").ToString();
    }
}

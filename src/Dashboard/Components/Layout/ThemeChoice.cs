namespace Dashboard.Components.Layout;

/// <summary>Whether the pages are light or dark.</summary>
public enum ThemeChoice
{
    /// <summary>As the browser prefers (<c>prefers-color-scheme</c>); the default.</summary>
    Browser,
    /// <summary>Light, whatever the browser prefers.</summary>
    Light,
    /// <summary>Dark, whatever the browser prefers.</summary>
    Dark,
}

/// <summary>
/// Where the app-bar switch keeps its choice: a cookie, so that the server renders the chosen palette before the
/// tab is interactive (prerendering, and the statically rendered sign-in page) — no light flash before a dark page.
/// </summary>
public static class ThemeCookie
{
    /// <summary>The cookie's name; its value is <c>light</c> or <c>dark</c>, and no cookie means "as the browser prefers".</summary>
    public const string Name = "dashboard-theme";

    /// <summary>The choice a cookie value stands for; anything but <c>light</c> or <c>dark</c> means <see cref="ThemeChoice.Browser"/>.</summary>
    public static ThemeChoice Parse(string? value) => value switch
    {
        "dark" => ThemeChoice.Dark,
        "light" => ThemeChoice.Light,
        _ => ThemeChoice.Browser,
    };

    /// <summary>The cookie value for a choice; null (no cookie) for <see cref="ThemeChoice.Browser"/>.</summary>
    public static string? Value(ThemeChoice choice) => choice switch
    {
        ThemeChoice.Dark => "dark",
        ThemeChoice.Light => "light",
        _ => null,
    };
}

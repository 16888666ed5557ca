using MudBlazor;

namespace Dashboard.Components.Actors;

/// <summary>
/// The CSS class names MudBlazor's components render, for the live panels that draw plain elements with MudBlazor's
/// classes instead of the components themselves (each component a tab keeps costs its own render tree).
/// </summary>
public static class MudClasses
{
    /// <summary>The name MudBlazor writes for <paramref name="color"/> in its class names: "error" for <see cref="Color.Error"/>.</summary>
    public static string Name(Color color) => color.ToString().ToLowerInvariant();

    /// <summary>
    /// The class <c>MudText Color="…"</c> adds: "mud-error-text" for <see cref="Color.Error"/>, nothing for
    /// <see cref="Color.Default"/>.
    /// </summary>
    public static string Text(Color color) => color == Color.Default ? "" : $"mud-{Name(color)}-text";
}

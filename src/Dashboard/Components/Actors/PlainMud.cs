using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace Dashboard.Components.Actors;

/// <summary>
/// MudBlazor's CSS classes for plain HTML elements, so a live panel looks like MudBlazor's components (light and
/// dark theme alike, through MudBlazor's CSS variables) without keeping one component object, two render-tree
/// buffers and an attribute dictionary per chip, button or alert in every tab's circuit.
/// </summary>
/// <remarks>
/// Each class string is the one MudBlazor 9 renders for the same parameters (read from its markup in bUnit); when
/// MudBlazor is upgraded, compare again. Markup built on these must not splat attributes (<c>@attributes</c>): a
/// splat gives the component's render-tree builder a dictionary it keeps for the circuit's life.
/// </remarks>
public static class PlainMud
{
    /// <summary>The classes of a small <c>MudChip</c>: filled, or outlined when <paramref name="outlined"/>.</summary>
    public static string Chip(Color color, bool outlined = false) =>
        $"mud-chip mud-chip-{(outlined ? "outlined" : "filled")} mud-chip-size-small mud-chip-color-{Name(color)}";

    /// <summary>The classes of a medium <c>MudButton</c> of <paramref name="variant"/> (filled, outlined or text).</summary>
    public static string Button(Variant variant, Color color)
    {
        var kind = variant.ToString().ToLowerInvariant();
        return $"mud-button-root mud-button mud-button-{kind} mud-button-{kind}-{Name(color)} mud-button-{kind}-size-medium mud-ripple";
    }

    /// <summary>The classes of a <c>MudAlert</c> of <paramref name="severity"/> (its default variant is text).</summary>
    public static string Alert(Severity severity, Variant variant = Variant.Text, bool dense = false) =>
        $"mud-alert mud-alert-{variant.ToString().ToLowerInvariant()}-{severity.ToString().ToLowerInvariant()}{(dense ? " mud-dense" : "")} mud-elevation-0";

    /// <summary>The icon <c>MudAlert</c> shows for <paramref name="severity"/>.</summary>
    private static string AlertIcon(Severity severity) => severity switch
    {
        Severity.Error => Icons.Material.Filled.ErrorOutline,
        Severity.Warning => Icons.Material.Outlined.ReportProblem,
        Severity.Success => Icons.Material.Outlined.CheckCircle,
        _ => Icons.Material.Outlined.Info,
    };

    /// <summary>
    /// A <c>MudIcon</c>'s markup: an <c>svg</c> of MudBlazor's icon classes holding <paramref name="svg"/> (one of
    /// <see cref="Icons"/>), hidden from assistive technology as MudBlazor hides it. One markup frame, not an element
    /// and its six attributes: every live tab keeps its icons' frames.
    /// </summary>
    public static RenderFragment Icon(string svg, Size size = Size.Medium) => builder => builder.AddMarkupContent(0, IconMarkup(svg, size));

    /// <summary>The HTML <see cref="Icon"/> renders.</summary>
    public static string IconMarkup(string svg, Size size = Size.Medium) =>
        $"""<svg class="mud-icon-root mud-svg-icon mud-icon-size-{size.ToString().ToLowerInvariant()}" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img">{svg}</svg>""";

    /// <summary>An alert's icon column, as <c>MudAlert</c> draws it left of its message.</summary>
    public static RenderFragment AlertIconColumn(Severity severity) => (RenderTreeBuilder builder) =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-alert-icon mud-alert-icon-left");
        builder.AddContent(2, Icon(AlertIcon(severity)));
        builder.CloseElement();
    };

    /// <summary>The name MudBlazor writes for <paramref name="color"/> in its class names: "error" for <see cref="Color.Error"/>.</summary>
    public static string Name(Color color) => color.ToString().ToLowerInvariant();

    /// <summary>
    /// The class <c>MudText Color="…"</c> adds: "mud-error-text" for <see cref="Color.Error"/>, nothing for
    /// <see cref="Color.Default"/>.
    /// </summary>
    public static string Text(Color color) => color == Color.Default ? "" : $"mud-{Name(color)}-text";
}

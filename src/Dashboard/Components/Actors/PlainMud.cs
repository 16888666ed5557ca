using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Components;
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
    private static readonly ConcurrentDictionary<(string Svg, Size Size), MarkupString> s_icons = new();
    private static readonly ConcurrentDictionary<Severity, MarkupString> s_alertIcons = new();
    private static readonly ConcurrentDictionary<(Color Color, bool Outlined, string TestId, string Text), MarkupString> s_chips = new();

    /// <summary>The classes of a small <c>MudChip</c>: filled, or outlined when <paramref name="outlined"/>.</summary>
    public static string Chip(Color color, bool outlined = false) =>
        $"mud-chip mud-chip-{(outlined ? "outlined" : "filled")} mud-chip-size-small mud-chip-color-{Name(color)}";

    /// <summary>
    /// A small <c>MudChip</c>'s markup (see <see cref="Chip"/>) showing <paramref name="text"/>, marked
    /// <c>data-testid="<paramref name="testId"/>"</c>: one markup frame where the chip's elements would be six.
    /// </summary>
    /// <remarks>Built once per colour, variant, test id and text and shared by every circuit: pass only texts from a small set.</remarks>
    public static MarkupString ChipMarkup(Color color, string testId, string text, bool outlined = false) =>
        s_chips.GetOrAdd((color, outlined, testId, text), static key => new MarkupString(
            $"<span class=\"{Chip(key.Color, key.Outlined)}\" data-testid=\"{WebUtility.HtmlEncode(key.TestId)}\">" +
            $"<span class=\"mud-chip-content\">{WebUtility.HtmlEncode(key.Text)}</span></span>"));

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
    /// <see cref="Icons"/>), hidden from assistive technology as MudBlazor hides it.
    /// </summary>
    /// <remarks>
    /// One markup frame where an element and its five attributes would be seven; the markup is built once per icon and
    /// size and shared by every circuit.
    /// </remarks>
    public static MarkupString Icon(string svg, Size size = Size.Medium) =>
        s_icons.GetOrAdd((svg, size), static key => new MarkupString(
            $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{key.Size.ToString().ToLowerInvariant()}\" focusable=\"false\" " +
            $"viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{key.Svg}</svg>"));

    /// <summary>An alert's icon column, as <c>MudAlert</c> draws it left of its message: one markup frame.</summary>
    public static MarkupString AlertIconColumn(Severity severity) =>
        s_alertIcons.GetOrAdd(severity, static severity => new($"<div class=\"mud-alert-icon mud-alert-icon-left\">{Icon(AlertIcon(severity)).Value}</div>"));

    /// <summary>The name MudBlazor writes for <paramref name="color"/> in its class names: "error" for <see cref="Color.Error"/>.</summary>
    public static string Name(Color color) => color.ToString().ToLowerInvariant();

    /// <summary>
    /// The class <c>MudText Color="…"</c> adds: "mud-error-text" for <see cref="Color.Error"/>, nothing for
    /// <see cref="Color.Default"/>.
    /// </summary>
    public static string Text(Color color) => color == Color.Default ? "" : $"mud-{Name(color)}-text";
}

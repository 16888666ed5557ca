using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Bunit;
using Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Unit.Dashboard;

/// <summary>
/// The page as the browser shows it: the rendered markup with the rows <see cref="LiveRows"/> sent in render batches
/// applied as wwwroot/js/live-rows.js applies them (every patch so far, in order), since bUnit runs no JavaScript.
/// </summary>
internal static class BrowserRows
{
    private static readonly HtmlParser Parser = new();

    public static IDocument Of<T>(IRenderedComponent<T> cut, RecordedLiveRows rows) where T : IComponent
    {
        var page = Parser.ParseDocument("<!DOCTYPE html><html><body>" + cut.Markup + "</body></html>");
        foreach (var (containerId, patch) in rows.Patches)
        {
            if (page.GetElementById(containerId) is { } box)
            {
                Apply(box, Json(patch));
            }
        }

        return page;
    }

    /// <summary>The JSON of a patch: what follows its sequence number and a space.</summary>
    public static string Json(string patch) => patch[(patch.IndexOf(' ', StringComparison.Ordinal) + 1)..];

    private static void Apply(IElement box, string patchJson)
    {
        using var patch = JsonDocument.Parse(patchJson);
        if (patch.RootElement.TryGetProperty("reset", out _))
        {
            box.InnerHtml = "";
        }

        var kept = box.Children.ToDictionary(row => row.GetAttribute("data-row-key")!);
        var rows = new List<IElement>();
        foreach (var row in patch.RootElement.GetProperty("rows").EnumerateArray())
        {
            var key = row.GetProperty("k").GetString()!;
            kept.TryGetValue(key, out var element);
            if (row.TryGetProperty("h", out var html))
            {
                element = Parser.ParseFragment(html.GetString()!, box).OfType<IElement>().Single();
                element.SetAttribute("data-row-key", key);
            }

            if (element is null)
            {
                throw new InvalidOperationException($"patch of #{box.Id} names row {key} without its HTML, and the browser does not have it");
            }

            if (row.TryGetProperty("a", out var attributes))
            {
                foreach (var attribute in attributes.EnumerateObject())
                {
                    element.SetAttribute(attribute.Name, attribute.Value.GetString());
                }
            }

            rows.Add(element);
        }

        box.InnerHtml = "";
        foreach (var row in rows)
        {
            box.AppendChild(row);
        }
    }
}

/// <summary>bUnit's <c>Find</c> / <c>FindAll</c> on a page from <see cref="BrowserRows"/>.</summary>
internal static class BrowserPageQueries
{
    public static IElement Find(this IDocument page, string selector) =>
        page.QuerySelector(selector) ?? throw new InvalidOperationException($"no element matches '{selector}'");

    public static IReadOnlyList<IElement> FindAll(this IDocument page, string selector) => [.. page.QuerySelectorAll(selector)];
}

/// <summary>The circuit's live rows as a test sees them: every patch a render carried, in order.</summary>
internal sealed class RecordedLiveRows : LiveRowsCircuit
{
    public List<(string ContainerId, string Patch)> Patches { get; } = [];

    internal override void OnPatchRendered(LiveRows rows, string patch) => Patches.Add((rows.ContainerId, patch));
}

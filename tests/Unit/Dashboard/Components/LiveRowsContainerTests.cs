using Bunit;
using Dashboard.Components.Shared;

namespace Unit.Dashboard.Components;

/// <summary>
/// <see cref="LiveRowsContainer"/> carries each patch in one render batch and keeps none: a patch in a render tree would
/// stay there (twice, with the previous tree) until the next one.
/// </summary>
public sealed class LiveRowsContainerTests : DashboardTestContext
{
    public LiveRowsContainerTests() => RenderInteractively();

    [Fact]
    public void Render_WithAPatch_CarriesItThenEmptiesTheAttributeInTheSameBatch()
    {
        var rows = RecordedRows.Open("box", () => { });
        rows.Show([new LiveRow("1", 10, () => "<tr><td>1</td></tr>")]);

        var cut = Render(rows.Container("tbody", "striped"));

        var container = cut.FindComponent<LiveRowsContainer>();
        Assert.Equal(3, container.RenderCount); // the patch, then twice without it: neither tree keeps it
        cut.MarkupMatches("""<tbody id="box" class="striped" data-rows-patch=""></tbody>""");
        var (containerId, patch) = Assert.Single(RecordedRows.Patches);
        Assert.Equal("box", containerId);
        Assert.Contains("<tr><td>1</td></tr>", BrowserRows.Json(patch), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoPatchWaiting_DoesNotRenderAgain()
    {
        var rows = RecordedRows.Open("box", () => { });
        rows.Show([new LiveRow("1", 10, () => "<tr><td>1</td></tr>")]);
        var cut = Render(rows.Container("tbody"));
        var container = cut.FindComponent<LiveRowsContainer>();

        rows.Show([new LiveRow("1", 10, () => "<tr><td>1</td></tr>")]); // nothing moved
        cut.Render();

        Assert.Equal(3, container.RenderCount);
        Assert.Single(RecordedRows.Patches);
    }
}

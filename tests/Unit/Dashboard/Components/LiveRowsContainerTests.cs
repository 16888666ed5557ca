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
        var rows = RecordedRows.Open("box", "tbody", "striped", () => { });
        rows.Show([new LiveRow("1", 10, () => "<tr><td>1</td></tr>")]);

        var cut = Render(rows.Container);

        var container = cut.FindComponent<LiveRowsContainer>();
        Assert.Equal(3, container.RenderCount); // the patch, then twice without it: neither tree keeps it
        cut.MarkupMatches("""<tbody id="box" class="striped" data-rows-patch=""></tbody>""");
        var (containerId, patch) = Assert.Single(RecordedRows.Patches);
        Assert.Equal("box", containerId);
        Assert.Contains("<tr><td>1</td></tr>", BrowserRows.Json(patch), StringComparison.Ordinal);
    }

    [Fact]
    public void Change_APatchDidNotApply_TheNextRenderCarriesEveryRow()
    {
        var redraws = 0;
        LiveRows rows = null!;
        LiveRow[] shown = [new("1", 10, () => "<tr><td>1</td></tr>"), new("2", 20, () => "<tr><td>2</td></tr>")];
        rows = RecordedRows.Open("box", "tbody", null, () =>
        {
            redraws++;
            rows.Show(shown);
        });
        rows.Show(shown);
        var cut = Render(rows.Container);

        cut.Find("tbody").Change(""); // what live-rows.js fires on the container when a patch does not apply
        cut.FindComponent<LiveRowsContainer>().Render(); // the component's redraw renders it again

        Assert.Equal(1, redraws);
        Assert.Equal(2, RecordedRows.Patches.Count);
        var again = BrowserRows.Json(RecordedRows.Patches[^1].Patch);
        Assert.Contains("\"reset\":true", again, StringComparison.Ordinal);
        Assert.Contains("<tr><td>2</td></tr>", again, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoPatchWaiting_DoesNotRenderAgain()
    {
        var rows = RecordedRows.Open("box", "tbody", null, () => { });
        rows.Show([new LiveRow("1", 10, () => "<tr><td>1</td></tr>")]);
        var cut = Render(rows.Container);
        var container = cut.FindComponent<LiveRowsContainer>();

        rows.Show([new LiveRow("1", 10, () => "<tr><td>1</td></tr>")]); // nothing moved
        container.Render();

        Assert.Equal(3, container.RenderCount);
        Assert.Single(RecordedRows.Patches);
    }
}

using System.Text.Json;
using Dashboard.Components.Shared;

namespace Unit.Dashboard.Components;

/// <summary>
/// What <see cref="LiveRows"/> puts in the renders' patches: each row's HTML once, then only what moved; and how its
/// <see cref="LiveRowsCircuit"/> sends every row again when the browser lost them.
/// </summary>
public sealed class LiveRowsTests
{
    private readonly RecordedLiveRows _circuit;
    private readonly LiveRows _rows;
    private int _redraws;
    private LiveRow[] _shown = [];

    public LiveRowsTests()
    {
        _circuit = new RecordedLiveRows();
        _rows = _circuit.Open("rows", "tbody", null, () =>
        {
            _redraws++;
            Show(_shown);
        });
    }

    [Fact]
    public void Show_FirstTime_TheRenderCarriesEveryRowWithItsHtmlAndAttributes()
    {
        Show([Row("1", 10, ("class", "row")), Row("2", 20, ("class", "row"))]);

        var patch = Rendered();
        Assert.True(patch.GetProperty("reset").GetBoolean());
        Assert.Equal(["1", "2"], Keys(patch));
        Assert.Equal(["<i>10</i>", "<i>20</i>"], patch.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("h").GetString()));
        Assert.All(patch.GetProperty("rows").EnumerateArray(), r => Assert.Equal("row", r.GetProperty("a").GetProperty("class").GetString()));
        Assert.Equal(2, _rows.RowsWritten);
    }

    [Fact]
    public void Show_SameRowsAgain_TheNextRenderCarriesNothing()
    {
        Show([Row("1", 10), Row("2", 20)]);
        _rows.TakePatch();

        Show([Row("1", 10), Row("2", 20)]);

        Assert.Null(_rows.TakePatch());
        Assert.Single(_circuit.Patches);
        Assert.Equal(2, _rows.RowsWritten);
    }

    [Fact]
    public void Show_NewRowOnTopAndOthersMoved_WritesOnlyTheNewRowAndMovesTheOthers()
    {
        Show([Row("1", 10, ("transform", "translate(0,0)"))]);
        _rows.TakePatch();

        Show([Row("2", 20, ("transform", "translate(0,0)")), Row("1", 10, ("transform", "translate(0,50)"))]);

        var patch = Rendered();
        Assert.False(patch.TryGetProperty("reset", out _));
        Assert.Equal(["2", "1"], Keys(patch));
        var moved = patch.GetProperty("rows")[1];
        Assert.False(moved.TryGetProperty("h", out _));
        Assert.Equal("translate(0,50)", moved.GetProperty("a").GetProperty("transform").GetString());
        Assert.Equal(2, _rows.RowsWritten);
    }

    [Fact]
    public void Show_ChangedContent_WritesTheRowAgain_ARemovedRowLeavesTheOrder()
    {
        Show([Row("1", 10), Row("2", 20)]);
        _rows.TakePatch();

        Show([Row("1", 11)]);

        var patch = Rendered();
        Assert.Equal(["1"], Keys(patch));
        Assert.Equal("<i>11</i>", patch.GetProperty("rows")[0].GetProperty("h").GetString());
    }

    [Fact]
    public void Show_TwiceBeforeARender_ItsPatchCarriesBothChanges()
    {
        Show([Row("1", 10)]);
        _rows.TakePatch();

        Show([Row("2", 20), Row("1", 10)]); // no render carried this one...
        Show([Row("3", 30), Row("2", 20), Row("1", 10)]); // ...so this one is measured against the browser's rows too

        var patch = Rendered();
        Assert.Equal(["3", "2", "1"], Keys(patch));
        Assert.Equal(["<i>30</i>", "<i>20</i>", null], patch.GetProperty("rows").EnumerateArray().Select(r => r.TryGetProperty("h", out var h) ? h.GetString() : null));
    }

    [Fact]
    public void Render_EachPatchStartsWithAHigherSequenceNumber_SoNoTwoAreTheSameValue()
    {
        Show([Row("1", 10)]);
        var first = _rows.TakePatch()!;
        _rows.Forget();
        Show([Row("1", 10)]); // the very same rows again, sent whole

        var second = _rows.TakePatch()!;

        Assert.Equal(BrowserRows.Json(first), BrowserRows.Json(second));
        Assert.Equal("1 ", first[..2]);
        Assert.Equal("2 ", second[..2]);
    }

    [Fact]
    public void Resend_TheBrowserLostTheRows_RedrawsAndTheNextRenderCarriesEveryRow()
    {
        Show([Row("1", 10), Row("2", 20)]);
        _rows.TakePatch();
        Show([Row("3", 30), Row("1", 10), Row("2", 20)]);
        _rows.TakePatch();

        _rows.Resend();

        Assert.Equal(1, _redraws);
        var patch = Rendered();
        Assert.True(patch.GetProperty("reset").GetBoolean());
        Assert.Equal(["3", "1", "2"], Keys(patch));
        Assert.All(patch.GetProperty("rows").EnumerateArray(), r => Assert.True(r.TryGetProperty("h", out _)));
    }

    [Fact]
    public void Forget_TheContainerLeftThePage_NextShowStartsOver()
    {
        Show([Row("1", 10)]);
        _rows.TakePatch();

        _rows.Forget();
        Show([Row("1", 10)]);

        Assert.True(Rendered().GetProperty("reset").GetBoolean());
        Assert.Equal(2, _circuit.Patches.Count);
    }

    private void Show(LiveRow[] rows)
    {
        _shown = rows;
        _rows.Show(rows);
    }

    /// <summary>The patch the next render carries, as the browser parses it.</summary>
    private JsonElement Rendered() => JsonDocument.Parse(BrowserRows.Json(_rows.TakePatch()!)).RootElement.Clone();

    private static LiveRow Row(string key, int content, params (string Name, string Value)[] attributes) =>
        new(key, content, () => $"<i>{content}</i>", attributes);

    private static IEnumerable<string?> Keys(JsonElement patch) => patch.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("k").GetString());
}

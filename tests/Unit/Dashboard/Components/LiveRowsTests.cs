using System.Buffers.Text;
using System.Text.Json;
using Dashboard.Components.Shared;
using Microsoft.JSInterop;

namespace Unit.Dashboard.Components;

/// <summary>What <see cref="LiveRows"/> sends the browser: each row's HTML once, then only what moved.</summary>
public sealed class LiveRowsTests
{
    private readonly RecordingJs _js = new();
    private readonly LiveRows _rows = new("rows");

    [Fact]
    public async Task Show_FirstTime_SendsEveryRowWithItsHtmlAndAttributes()
    {
        _rows.Show([Row("1", 10, ("class", "row")), Row("2", 20, ("class", "row"))]);
        await FlushAsync();

        var patch = Assert.Single(_js.Patches);
        Assert.True(patch.GetProperty("reset").GetBoolean());
        Assert.Equal(["1", "2"], Keys(patch));
        Assert.Equal(["<i>10</i>", "<i>20</i>"], patch.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("h").GetString()));
        Assert.All(patch.GetProperty("rows").EnumerateArray(), r => Assert.Equal("row", r.GetProperty("a").GetProperty("class").GetString()));
        Assert.Equal(2, _rows.RowsWritten);
    }

    [Fact]
    public async Task Show_SameRowsAgain_SendsNothing()
    {
        _rows.Show([Row("1", 10), Row("2", 20)]);
        await FlushAsync();

        _rows.Show([Row("1", 10), Row("2", 20)]);
        await FlushAsync();

        Assert.Single(_js.Patches);
        Assert.Equal(2, _rows.RowsWritten);
    }

    [Fact]
    public async Task Show_NewRowOnTopAndOthersMoved_WritesOnlyTheNewRowAndMovesTheOthers()
    {
        _rows.Show([Row("1", 10, ("transform", "translate(0,0)"))]);
        await FlushAsync();

        _rows.Show([Row("2", 20, ("transform", "translate(0,0)")), Row("1", 10, ("transform", "translate(0,50)"))]);
        await FlushAsync();

        var patch = _js.Patches[^1];
        Assert.False(patch.TryGetProperty("reset", out _));
        Assert.Equal(["2", "1"], Keys(patch));
        var moved = patch.GetProperty("rows")[1];
        Assert.False(moved.TryGetProperty("h", out _));
        Assert.Equal("translate(0,50)", moved.GetProperty("a").GetProperty("transform").GetString());
        Assert.Equal(2, _rows.RowsWritten);
    }

    [Fact]
    public async Task Show_ChangedContent_WritesTheRowAgain_ARemovedRowLeavesTheOrder()
    {
        _rows.Show([Row("1", 10), Row("2", 20)]);
        await FlushAsync();

        _rows.Show([Row("1", 11)]);
        await FlushAsync();

        var patch = _js.Patches[^1];
        Assert.Equal(["1"], Keys(patch));
        Assert.Equal("<i>11</i>", patch.GetProperty("rows")[0].GetProperty("h").GetString());
    }

    [Fact]
    public async Task FlushAsync_PatchNotApplied_RedrawsAndSendsEveryRowAtOnce()
    {
        LiveRow[] rows = [Row("3", 30), Row("1", 10), Row("2", 20)];
        _rows.Show([Row("1", 10), Row("2", 20)]);
        await FlushAsync();
        _js.FailuresLeft = 1;
        var redraws = 0;

        _rows.Show(rows);
        await _rows.FlushAsync(_js, () =>
        {
            redraws++;
            _rows.Show(rows);
        });

        Assert.Equal(1, redraws);
        Assert.Equal(2, _js.Patches.Count);
        var patch = _js.Patches[^1];
        Assert.True(patch.GetProperty("reset").GetBoolean());
        Assert.Equal(["3", "1", "2"], Keys(patch));
        Assert.All(patch.GetProperty("rows").EnumerateArray(), r => Assert.True(r.TryGetProperty("h", out _)));
    }

    [Fact]
    public async Task FlushAsync_CircuitDown_RedrawsOnceThenTheNextChangeSendsEveryRow()
    {
        LiveRow[] rows = [Row("1", 10), Row("2", 20)];
        _js.FailuresLeft = int.MaxValue;
        var redraws = 0;

        _rows.Show(rows);
        await _rows.FlushAsync(_js, () =>
        {
            redraws++;
            _rows.Show(rows);
        });
        _js.FailuresLeft = 0;
        _rows.Show(rows);
        await FlushAsync();

        Assert.Equal(1, redraws);
        var patch = Assert.Single(_js.Patches);
        Assert.True(patch.GetProperty("reset").GetBoolean());
        Assert.Equal(["1", "2"], Keys(patch));
    }

    [Fact]
    public async Task Forget_TheContainerLeftThePage_NextShowStartsOver()
    {
        _rows.Show([Row("1", 10)]);
        await FlushAsync();

        _rows.Forget();
        _rows.Show([Row("1", 10)]);
        await FlushAsync();

        Assert.Equal(2, _js.Patches.Count);
        Assert.True(_js.Patches[^1].GetProperty("reset").GetBoolean());
    }

    private Task FlushAsync() => _rows.FlushAsync(_js, () => Assert.Fail("no redraw expected"));

    private static LiveRow Row(string key, int content, params (string Name, string Value)[] attributes) =>
        new(key, content, () => $"<i>{content}</i>", attributes);

    private static IEnumerable<string?> Keys(JsonElement patch) => patch.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("k").GetString());

    /// <summary>A browser that applies every patch (records it), or fails as a dropped circuit does.</summary>
    private sealed class RecordingJs : IJSRuntime
    {
        public int FailuresLeft { get; set; }

        public List<JsonElement> Patches { get; } = [];

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new JSDisconnectedException("the circuit is gone");
            }

            Assert.Equal(LiveRows.ApplyFunction, identifier);
            Assert.Equal("rows", args![0]);
            Patches.Add(JsonDocument.Parse(Base64Url.DecodeFromChars((string)args[1]!)).RootElement.Clone());
            return ValueTask.FromResult<TValue>(default!);
        }
    }
}

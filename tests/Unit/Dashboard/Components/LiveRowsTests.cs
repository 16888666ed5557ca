using System.Text.Json;
using Dashboard.Components.Shared;
using Microsoft.JSInterop;

namespace Unit.Dashboard.Components;

/// <summary>What <see cref="LiveRows"/> sends the browser through its <see cref="LiveRowsOutbox"/>: each row's HTML once, then only what moved.</summary>
public sealed class LiveRowsTests
{
    private readonly RecordingJs _js = new();
    private readonly LiveRows _rows = new("rows");
    private readonly LiveRowsOutbox _outbox;
    private int _redraws;
    private LiveRow[] _shown = [];

    public LiveRowsTests()
    {
        _outbox = new LiveRowsOutbox(_js);
        _outbox.Add(_rows, () =>
        {
            _redraws++;
            Show(_shown);
        });
    }

    [Fact]
    public async Task Show_FirstTime_SendsEveryRowWithItsHtmlAndAttributes()
    {
        Show([Row("1", 10, ("class", "row")), Row("2", 20, ("class", "row"))]);
        await _outbox.FlushAsync();

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
        Show([Row("1", 10), Row("2", 20)]);
        await _outbox.FlushAsync();

        Show([Row("1", 10), Row("2", 20)]);
        await _outbox.FlushAsync();

        Assert.Single(_js.Patches);
        Assert.Equal(2, _rows.RowsWritten);
    }

    [Fact]
    public async Task Show_NewRowOnTopAndOthersMoved_WritesOnlyTheNewRowAndMovesTheOthers()
    {
        Show([Row("1", 10, ("transform", "translate(0,0)"))]);
        await _outbox.FlushAsync();

        Show([Row("2", 20, ("transform", "translate(0,0)")), Row("1", 10, ("transform", "translate(0,50)"))]);
        await _outbox.FlushAsync();

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
        Show([Row("1", 10), Row("2", 20)]);
        await _outbox.FlushAsync();

        Show([Row("1", 11)]);
        await _outbox.FlushAsync();

        var patch = _js.Patches[^1];
        Assert.Equal(["1"], Keys(patch));
        Assert.Equal("<i>11</i>", patch.GetProperty("rows")[0].GetProperty("h").GetString());
    }

    [Fact]
    public async Task FlushAsync_PatchNotApplied_RedrawsAndSendsEveryRowAtOnce()
    {
        Show([Row("1", 10), Row("2", 20)]);
        await _outbox.FlushAsync();
        _js.FailuresLeft = 1;

        Show([Row("3", 30), Row("1", 10), Row("2", 20)]);
        await _outbox.FlushAsync();

        Assert.Equal(1, _redraws);
        Assert.Equal(2, _js.Patches.Count);
        var patch = _js.Patches[^1];
        Assert.True(patch.GetProperty("reset").GetBoolean());
        Assert.Equal(["3", "1", "2"], Keys(patch));
        Assert.All(patch.GetProperty("rows").EnumerateArray(), r => Assert.True(r.TryGetProperty("h", out _)));
    }

    [Fact]
    public async Task FlushAsync_CircuitDown_RedrawsOnceThenTheNextChangeSendsEveryRow()
    {
        _js.FailuresLeft = int.MaxValue;
        Show([Row("1", 10), Row("2", 20)]);
        await _outbox.FlushAsync();

        _js.FailuresLeft = 0;
        Show([Row("1", 10), Row("2", 20)]);
        await _outbox.FlushAsync();

        Assert.Equal(1, _redraws);
        var patch = Assert.Single(_js.Patches);
        Assert.True(patch.GetProperty("reset").GetBoolean());
        Assert.Equal(["1", "2"], Keys(patch));
    }

    [Fact]
    public async Task FlushAsync_TwoContainers_OneCallForBoth()
    {
        var table = new LiveRows("table");
        _outbox.Add(table, () => { });
        Show([Row("1", 10)]);
        table.Show([Row("9", 90)]);

        await _outbox.FlushAsync();

        Assert.Equal(1, _js.Calls);
        Assert.Equal(["rows", "table"], _js.Containers);
    }

    [Fact]
    public async Task Forget_TheContainerLeftThePage_NextShowStartsOver()
    {
        Show([Row("1", 10)]);
        await _outbox.FlushAsync();

        _rows.Forget();
        Show([Row("1", 10)]);
        await _outbox.FlushAsync();

        Assert.Equal(2, _js.Patches.Count);
        Assert.True(_js.Patches[^1].GetProperty("reset").GetBoolean());
    }

    private void Show(LiveRow[] rows)
    {
        _shown = rows;
        _rows.Show(rows);
    }

    private static LiveRow Row(string key, int content, params (string Name, string Value)[] attributes) =>
        new(key, content, () => $"<i>{content}</i>", attributes);

    private static IEnumerable<string?> Keys(JsonElement patch) => patch.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("k").GetString());

    /// <summary>A browser that applies every patch (records it), or fails as a dropped circuit does.</summary>
    private sealed class RecordingJs : IJSRuntime
    {
        public int FailuresLeft { get; set; }

        public int Calls { get; private set; }

        public List<string> Containers { get; } = [];

        public List<JsonElement> Patches { get; } = [];

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new JSDisconnectedException("the circuit is gone");
            }

            Assert.Equal(LiveRowsOutbox.ApplyFunction, identifier);
            Calls++;
            foreach (var (container, patch) in BrowserRows.Patches((string)args![0]!))
            {
                Containers.Add(container);
                Patches.Add(JsonDocument.Parse(patch).RootElement.Clone());
            }

            return ValueTask.FromResult<TValue>(default!);
        }
    }
}

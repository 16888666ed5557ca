using System.Text.Json;
using Dashboard.Operations;
using Dashboard.Overview;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Unit.Dashboard.Overview;

namespace Unit.Dashboard.Operations;

public sealed class OverviewExportTests
{
    [Theory]
    [InlineData("tab", "tab")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(1)", "'=HYPERLINK(1)")]
    [InlineData("@sum", "'@sum")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("", "")]
    public void Quote_Fields_FollowRfc4180_AndNeverStartAFormula(string field, string expected) =>
        Assert.Equal(expected, OverviewExport.Quote(field));

    [Theory]
    [InlineData("", "format must be csv or json (was '').")]
    [InlineData("format=xml", "format must be csv or json (was 'xml').")]
    [InlineData("format=csv&sort=Nope", "sort must be one of Pid, Owner, Status, QueueDepth, DeferredCalls, ExternalInFlight, Timeouts, LateReplies, Crashes, HeartbeatAge, HandleTimeP99 (was 'Nope').")]
    [InlineData("format=csv&desc=maybe", "desc must be true or false (was 'maybe').")]
    public void Parse_BadParameters_SaysWhatIsWrong(string query, string expected)
    {
        // Act
        var (format, parsed, error) = OverviewExport.Parse(Query(query));

        // Assert
        Assert.Null(format);
        Assert.Null(parsed);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_TheOverviewsLink_GivesBackItsQuery()
    {
        // Arrange
        var query = new OverviewQuery(OverviewColumn.Crashes, Descending: false, Owner: "hub", Page: 3) { Search = "<0.7.0>" };
        var link = OverviewExport.Link(query, "json");

        // Act
        var (format, parsed, error) = OverviewExport.Parse(Query(link[(link.IndexOf('?', StringComparison.Ordinal) + 1)..]));

        // Assert
        Assert.Null(error);
        Assert.Equal("json", format);
        Assert.Equal(query with { Page = 0, PageSize = parsed!.PageSize }, parsed);
    }

    [Fact]
    public async Task ToCsvAndToJson_TheNodesActors_OneHeaderAndOneRecordPerActor_InTheQueryOrder()
    {
        // Arrange
        await using var node = new OverviewNode();
        var (shallow, _) = await node.SpawnWithQueueAsync(1, owner: "tab");
        var (deep, actor) = await node.SpawnWithQueueAsync(3, owner: "hub,remote");
        node.Service.Refresh();
        var rows = OverviewExport.AllRows(node.Service, new OverviewQuery());

        // Act
        var csv = OverviewExport.ToCsv(rows, node.Service);
        var json = JsonDocument.Parse(OverviewExport.ToJson(rows, node.Service));

        // Assert
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', OverviewExport.Columns), lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{deep},GateActor,\"hub,remote\",", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{shallow},GateActor,tab,", lines[2], StringComparison.Ordinal);
        Assert.Equal([deep.ToString(), shallow.ToString()], json.RootElement.EnumerateArray().Select(row => row.GetProperty("pid").GetString()));
        Assert.Equal(3, json.RootElement[0].GetProperty("queue_depth").GetInt32());
        actor.Open();
    }

    private static QueryCollection Query(string text) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text).ToDictionary(pair => pair.Key, pair => (StringValues)pair.Value));
}

using System.Text.Json;
using Dashboard.Operations;
using Dashboard.Overview;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Unit.Dashboard.Cluster;

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
    public async Task ToCsvAndToJson_TwoNodes_OneHeaderAndOneRecordPerActorWithItsNode_InTheQueryOrder()
    {
        // Arrange: the same pids on both nodes, so only the node tells the rows apart.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryClusterStore(time);
        await using var a = new ClusterNode("node-a", store, time);
        await using var b = new ClusterNode("node-b", store, time);
        var (shallow, _) = await a.Node.SpawnWithQueueAsync(1, owner: "tab");
        var (deep, actor) = await a.Node.SpawnWithQueueAsync(3, owner: "hub,remote");
        var (remote, _) = await b.Node.SpawnWithQueueAsync(2, owner: "virtual");
        Assert.Equal(shallow, remote);
        await ClusterNode.ConvergeAsync(a, b);
        var rows = OverviewExport.AllRows(a.Cluster, new OverviewQuery());

        // Act
        var csv = OverviewExport.ToCsv(rows, a.Cluster);
        var json = JsonDocument.Parse(OverviewExport.ToJson(rows, a.Cluster));

        // Assert
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', OverviewExport.Columns), lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{deep},node-a,GateActor,\"hub,remote\",", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{remote},node-b,GateActor,virtual,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith($"{shallow},node-a,GateActor,tab,", lines[3], StringComparison.Ordinal);
        Assert.Equal(
            [(deep.ToString(), "node-a"), (remote.ToString(), "node-b"), (shallow.ToString(), "node-a")],
            json.RootElement.EnumerateArray().Select(row => (row.GetProperty("pid").GetString(), row.GetProperty("node").GetString())));
        Assert.Equal(3, json.RootElement[0].GetProperty("queue_depth").GetInt32());
        actor.Open();
    }

    [Fact]
    public async Task AllRows_SearchForAPidOnTwoNodes_OneRowPerNode()
    {
        // Arrange
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryClusterStore(time);
        await using var a = new ClusterNode("node-a", store, time);
        await using var b = new ClusterNode("node-b", store, time);
        var (first, _) = await a.Node.SpawnWithQueueAsync(0);
        var (second, _) = await a.Node.SpawnWithQueueAsync(0);
        var (onB, _) = await b.Node.SpawnWithQueueAsync(0);
        Assert.Equal(first, onB);
        await ClusterNode.ConvergeAsync(a, b);

        // Act
        var found = OverviewExport.AllRows(a.Cluster, new OverviewQuery(OverviewColumn.Pid, Descending: false) { Search = first.ToString() });
        var other = OverviewExport.AllRows(a.Cluster, new OverviewQuery { Search = second.ToString() });
        var none = OverviewExport.AllRows(a.Cluster, new OverviewQuery { Search = "not a pid" });

        // Assert
        Assert.Equal([("node-a", first), ("node-b", first)], found.Select(row => (row.Node, row.Row.Pid)));
        Assert.Equal([("node-a", second)], other.Select(row => (row.Node, row.Row.Pid)));
        Assert.Empty(none);
    }

    private static QueryCollection Query(string text) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text).ToDictionary(pair => pair.Key, pair => (StringValues)pair.Value));
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace E2E.Operator;

/// <summary>Search by pid and export on the overview; the drill-down's timeline, pending calls, described state and bounded trace.</summary>
[Collection(OperatorCollection.Name)]
public sealed class InspectionTests(OperatorFixture fixture)
{
    [Theory]
    [InlineData("<0.{0}.0>")]
    [InlineData("{0}")]
    public async Task Search_ByPid_ShowsOnlyThatActor_AndClearingShowsAllAgain(string format)
    {
        // Arrange
        await using var user = await fixture.NewContextAsync();
        var (_, pid) = await OperatorActionsTests.OpenTabAsync(user);
        await OperatorActionsTests.OpenTabAsync(user);
        await using var admin = await fixture.NewContextAsync();
        var overview = await OperatorFixture.SignInAsync(admin);
        await Expect(overview.GetByTestId("overview-row")).ToHaveCountAsync(2); // the operator's own tab has no actor

        // Act
        await overview.GetByTestId("overview-search").FillAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, pid));

        // Assert
        await Expect(overview.GetByTestId("overview-row")).ToHaveCountAsync(1);
        await Expect(overview.GetByTestId("overview-row")).ToHaveAttributeAsync("data-pid", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Act: clear it
        await overview.GetByTestId("overview-search").FillAsync("");

        // Assert
        await Expect(overview.GetByTestId("overview-row")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Export_Csv_HasAHeaderAndOneRecordPerRowOfTheOverview_InItsOrder()
    {
        // Arrange: sort by pid ascending, as an operator would
        await using var user = await fixture.NewContextAsync();
        await OperatorActionsTests.OpenTabAsync(user);
        await OperatorActionsTests.OpenTabAsync(user);
        await using var admin = await fixture.NewContextAsync();
        var overview = await OperatorFixture.SignInAsync(admin);
        await Expect(overview.GetByTestId("overview-row")).ToHaveCountAsync(2); // the operator's own tab has no actor
        await overview.GetByTestId("sort-Pid").ClickAsync();
        await Expect(overview.GetByTestId("export-csv")).ToHaveAttributeAsync("href", new Regex("sort=Pid&desc=false"));
        var shown = await overview.GetByTestId("overview-pid").AllInnerTextsAsync();
        var node = await overview.GetByTestId("overview-row").First.GetAttributeAsync("data-node");

        // Act: the link the page offers, fetched with the operator's cookie
        var href = await overview.GetByTestId("export-csv").GetAttributeAsync("href");
        var response = await overview.APIRequest.GetAsync("/" + href);
        var csv = await response.TextAsync();

        // Assert
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        var records = ParseCsv(csv);
        Assert.Equal(["pid", "node"], records[0].Take(2));
        Assert.Equal(14, records[0].Count);
        Assert.Equal(shown, records.Skip(1).Select(record => record[0]));
        Assert.False(string.IsNullOrEmpty(node));
        Assert.All(records.Skip(1), record => Assert.Equal(node, record[1]));
        Assert.All(records.Skip(1), record => Assert.Equal("tab", record[3]));
    }

    [Fact]
    public async Task Export_Json_IsAnArrayOfTheRows()
    {
        // Arrange: one user's tab (the operator's own tab has no actor)
        await using var user = await fixture.NewContextAsync();
        await OperatorActionsTests.OpenTabAsync(user);
        await using var admin = await fixture.NewContextAsync();
        var overview = await OperatorFixture.SignInAsync(admin);
        await Expect(overview.GetByTestId("overview-row")).ToHaveCountAsync(1);

        // Act
        var response = await overview.APIRequest.GetAsync("/overview/export?format=json");
        using var json = JsonDocument.Parse(await response.TextAsync());

        // Assert
        Assert.Equal(200, response.Status);
        var row = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(await overview.GetByTestId("overview-pid").InnerTextAsync(), row.GetProperty("pid").GetString());
        Assert.Equal(await overview.GetByTestId("overview-row").GetAttributeAsync("data-node"), row.GetProperty("node").GetString());
    }

    [Fact]
    public async Task Export_WithoutSignIn_IsSentToSignIn_AndABadFormatIsA400()
    {
        // Arrange
        using var visitor = OperatorHttp.CreateClient(fixture.BaseAddress);
        using var operatorClient = OperatorHttp.CreateClient(fixture.BaseAddress);
        using var signIn = await OperatorHttp.PostSignInAsync(operatorClient, OperatorFixture.Password);

        // Act
        using var anonymous = await visitor.GetAsync(new Uri("/overview/export?format=csv", UriKind.Relative));
        using var badFormat = await operatorClient.GetAsync(new Uri("/overview/export?format=xml", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("format must be csv or json (was 'xml')", await badFormat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrillDown_OfATab_ShowsItsCallTimelineAndItsWaitingCallers()
    {
        // Arrange: external work that takes 8 s (and a 20 s timeout), so the call waits
        await using var user = await fixture.NewContextAsync();
        var (tab, pid) = await OperatorActionsTests.OpenTabAsync(user);
        await tab.SetSliderAsync("slider-latency", 8000);
        await tab.SetSliderAsync("slider-timeout", 20_000);
        await using var admin = await fixture.NewContextAsync();
        var detail = await OperatorFixture.SignInAsync(admin, $"/actors/{pid}");

        // Act
        await tab.GetByTestId("btn-request").ClickAsync();

        // Assert
        await Expect(detail.GetByTestId("pending-call-row").First).ToContainTextAsync("tab · manual");
        await Expect(detail.GetByTestId("pending-call-row").First).ToContainTextAsync("deferred");
        await Expect(detail.GetByTestId("call-timeline").Locator("[data-call-id]").First).ToBeAttachedAsync();
        await Expect(detail.GetByTestId("actor-state")).ToContainTextAsync("waiting callers");
        await Expect(detail.GetByTestId("actor-state")).ToContainTextAsync("incarnation");
    }

    [Fact]
    public async Task Trace_ForAFewSeconds_ShowsTheMessagesLive_StopsByItself_AndDownloadsThem()
    {
        // Arrange
        await using var user = await fixture.NewContextAsync();
        var (tab, pid) = await OperatorActionsTests.OpenTabAsync(user);
        await using var admin = await fixture.NewContextAsync();
        var detail = await OperatorFixture.SignInAsync(admin, $"/actors/{pid}");
        await detail.GetByTestId("trace-seconds").FillAsync("3");
        await detail.GetByTestId("trace-seconds").BlurAsync();

        // Act
        await detail.GetByTestId("trace-start").ClickAsync();
        await Expect(detail.GetByTestId("trace-status")).ToHaveAttributeAsync("data-running", "true");
        await tab.GetByTestId("btn-request").ClickAsync();

        // Assert: rows arrive while it runs, then it stops by itself at the time bound
        await Expect(detail.GetByTestId("trace-row").First).ToBeVisibleAsync();
        await Expect(detail.GetByTestId("trace-status")).ToHaveAttributeAsync("data-running", "false", new() { Timeout = 15_000 });
        await Expect(detail.GetByTestId("trace-status")).ToContainTextAsync("time limit reached (3 s)");
        var rows = await detail.GetByTestId("trace-row").CountAsync();
        var download = await detail.RunAndWaitForDownloadAsync(() => detail.GetByTestId("trace-download").ClickAsync());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        Assert.Equal(rows, json.RootElement.GetProperty("messages").GetArrayLength());
        Assert.Contains(json.RootElement.GetProperty("messages").EnumerateArray(), row => row.GetProperty("type").GetString() == "HeartbeatRequest");
    }

    [Fact]
    public async Task Trace_CountBound_StopsAfterThatManyMessages()
    {
        // Arrange
        await using var user = await fixture.NewContextAsync();
        var (tab, pid) = await OperatorActionsTests.OpenTabAsync(user);
        await using var admin = await fixture.NewContextAsync();
        var detail = await OperatorFixture.SignInAsync(admin, $"/actors/{pid}");
        await detail.GetByTestId("trace-messages").FillAsync("3");
        await detail.GetByTestId("trace-messages").BlurAsync();
        await detail.GetByTestId("trace-seconds").FillAsync("60");
        await detail.GetByTestId("trace-seconds").BlurAsync();

        // Act
        await detail.GetByTestId("trace-start").ClickAsync();
        await Expect(detail.GetByTestId("trace-status")).ToHaveAttributeAsync("data-running", "true");
        await tab.GetByTestId("btn-burst").ClickAsync();

        // Assert
        await Expect(detail.GetByTestId("trace-status")).ToContainTextAsync("message limit reached (3)");
        await Expect(detail.GetByTestId("trace-row")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task Trace_OutOfRangeBound_SaysWhy_AndDoesNotStart()
    {
        // Arrange
        await using var user = await fixture.NewContextAsync();
        var (_, pid) = await OperatorActionsTests.OpenTabAsync(user);
        await using var admin = await fixture.NewContextAsync();
        var detail = await OperatorFixture.SignInAsync(admin, $"/actors/{pid}");
        await detail.GetByTestId("trace-messages").FillAsync("5000");
        await detail.GetByTestId("trace-messages").BlurAsync();

        // Act
        await detail.GetByTestId("trace-start").ClickAsync();

        // Assert
        await Expect(detail.GetByTestId("trace-error")).ToHaveTextAsync("Messages must be between 1 and 1,000 (was 5,000).");
        await Expect(detail.GetByTestId("trace-status")).ToHaveCountAsync(0);
    }

    /// <summary>RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold both (quotes doubled).</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.True(field.Length == 0 && record.Count == 0, "The CSV does not end with CRLF.");
        return records;
    }
}

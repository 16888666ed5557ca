using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace E2E.Operator;

/// <remarks>
/// Scrapes the published app in its own process: every <c>ActorSystem</c> creates a meter named <c>ActorRuntime</c>,
/// and a meter listener sees every meter of its process, so inside the test process (which hosts several servers
/// at once) <c>actor_live</c> would mix the nodes. One process, one node — as in production.
/// </remarks>
[Collection(OperatorCollection.Name)]
public sealed partial class MetricsTests(OperatorFixture fixture)
{
    [Fact]
    public async Task Metrics_PublishedAppAfterATabsCall_ExportsActorAndAspNetCoreInstruments()
    {
        // Arrange: one tab with one answered call
        await using var app = await PublishedApp.StartAsync();
        await using var context = await fixture.NewContextAsync(app.BaseAddress);
        var tab = await context.OpenInteractiveAsync("/");
        await tab.GetByTestId("btn-request").ClickAsync();
        await Expect(tab.GetByTestId("last-result")).ToContainTextAsync("replied");
        using var client = app.CreateHttpClient();

        // Act
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, Value(text, "actor_live"));
        Assert.InRange(Value(text, "actor_calls_total"), 1, 100); // the request, plus any heartbeat so far
        Assert.InRange(Value(text, "actor_call_replies_total"), 1, 100);
        Assert.Contains("# TYPE actor_call_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.True(Value(text, "http_server_request_duration_seconds_count") >= 1, "ASP.NET Core hosting metrics are missing.");
        Assert.True(Value(text, "kestrel_active_connections") >= 1, "Kestrel metrics are missing.");
        Assert.True(Value(text, "signalr_server_active_connections") >= 1, "SignalR connection metrics are missing.");
    }

    /// <summary>The sum of every sample of <paramref name="metric"/> (one per tag set).</summary>
    private static double Value(string text, string metric)
    {
        var samples = Sample().Matches(text).Where(match => match.Groups["name"].Value == metric).ToList();
        Assert.True(samples.Count > 0, $"/metrics has no {metric}:\n{text}");
        return samples.Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}

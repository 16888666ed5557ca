using E2E.Infrastructure;
using TestSupport;
using static Microsoft.Playwright.Assertions;

namespace E2E.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class RedisFaultTests(ClusterFixture fixture) : IAsyncLifetime
{
    /// <summary>The warning a node logs when Redis does not answer (<c>ClusterSync</c>, "Cluster view unavailable: …").</summary>
    private const int RedisUnavailableEvent = 1701;

    /// <summary>How long the nodes may take to reconnect to a Redis that came back and republish their view.</summary>
    private static readonly TimeSpan RecoverWithin = TimeSpan.FromSeconds(45);

    public Task InitializeAsync() => fixture.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task StopRedis_NodesKeepServingTheirTabs_OverviewSaysDegraded_AndTheClusterViewComesBack()
    {
        // Arrange: a tab on each node, the operator on node A seeing both nodes
        await using var onA = await fixture.NewContextAsync(fixture.NodeA.BaseAddress);
        await using var onB = await fixture.NewContextAsync(fixture.NodeB.BaseAddress);
        await using var admin = await fixture.NewContextAsync(fixture.NodeA.BaseAddress);
        var tabOnA = await ClusterPages.OpenTabAsync(onA);
        var tabOnB = await ClusterPages.OpenTabAsync(onB);
        var pidOnA = await ClusterPages.PidOfAsync(tabOnA);
        var pidOnB = await ClusterPages.PidOfAsync(tabOnB);
        var overview = await ClusterPages.SignInAsync(admin);
        await Expect(ClusterPages.RowOf(overview, "node-b", pidOnB)).ToHaveCountAsync(1);

        // Act
        await fixture.Redis.StopAsync();

        // Assert: the tabs still get their replies; node A's overview says it shows this node only, and does
        await tabOnA.GetByTestId("btn-request").ClickAsync();
        await Expect(tabOnA.GetByTestId("last-result")).ToContainTextAsync("replied");
        await tabOnB.GetByTestId("btn-request").ClickAsync();
        await Expect(tabOnB.GetByTestId("last-result")).ToContainTextAsync("replied");
        await Expect(overview.GetByTestId("cluster-degraded")).ToBeVisibleAsync();
        await Expect(overview.GetByTestId("cluster-degraded")).ToContainTextAsync("showing this node only");
        await Expect(ClusterPages.RowOf(overview, "node-a", pidOnA)).ToHaveCountAsync(1);

        // Act
        await fixture.Redis.StartAsync();

        // Assert: the banner goes and node B's tab is back in node A's overview
        await Expect(overview.GetByTestId("cluster-degraded")).ToHaveCountAsync(0, new() { Timeout = (float)RecoverWithin.TotalMilliseconds });
        await Expect(ClusterPages.RowOf(overview, "node-b", pidOnB)).ToHaveCountAsync(1, new() { Timeout = (float)RecoverWithin.TotalMilliseconds });
        await Expect(ClusterPages.NodePanelEntry(overview, "node-b")).ToBeVisibleAsync();
        fixture.AssertNoUnhandledExceptions();
    }

    [Fact]
    public async Task StartNodeWhileRedisIsDown_ItServesWithOneWarning_AndJoinsWhenRedisReturns()
    {
        // Arrange: Redis is down, node B is stopped
        await fixture.Redis.StopAsync();
        await fixture.NodeB.KillAsync();

        // Act: node B starts without Redis (StartAsync waits for its /healthz)
        await fixture.NodeB.StartAsync();

        // Assert: it serves a tab, and says once, without a stack trace, that the cluster view is unavailable
        await using var onB = await fixture.NewContextAsync(fixture.NodeB.BaseAddress);
        var tabOnB = await ClusterPages.OpenTabAsync(onB);
        await tabOnB.GetByTestId("btn-request").ClickAsync();
        await Expect(tabOnB.GetByTestId("last-result")).ToContainTextAsync("replied");
        await Until.TrueAsync(() => RedisWarnings().Count > 0, "node B to warn that Redis does not answer");

        // Act: Redis returns
        await fixture.Redis.StartAsync();

        // Assert: node B joins; node A's overview lists its tab; still that one warning
        await using var admin = await fixture.NewContextAsync(fixture.NodeA.BaseAddress);
        var overview = await ClusterPages.SignInAsync(admin);
        await Expect(ClusterPages.RowOf(overview, "node-b", await ClusterPages.PidOfAsync(tabOnB))).ToHaveCountAsync(1, new() { Timeout = (float)RecoverWithin.TotalMilliseconds });
        var warnings = RedisWarnings();
        Assert.True(warnings.Count == 1, $"node B warned {warnings.Count} times:\n{string.Join("\n", warnings.Select(entry => entry.Line))}");
        Assert.Null(warnings[0].Exception);
        fixture.AssertNoUnhandledExceptions();
    }

    private List<ServerProcess.LogEntry> RedisWarnings() =>
        [.. fixture.NodeB.EntriesOfThisRun().Where(entry => entry.EventId == RedisUnavailableEvent && entry.Level == "Warning")];
}

using E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace E2E.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ClusterOverviewTests(ClusterFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task OverviewOnNodeA_ListsTheTabsOfNodeB_WithTheirNode()
    {
        // Arrange: one tab straight on each node, and the operator on node A
        await using var onA = await fixture.NewContextAsync(fixture.NodeA.BaseAddress);
        await using var onB = await fixture.NewContextAsync(fixture.NodeB.BaseAddress);
        await using var admin = await fixture.NewContextAsync(fixture.NodeA.BaseAddress);
        var tabOnA = await ClusterPages.OpenTabAsync(onA);
        var tabOnB = await ClusterPages.OpenTabAsync(onB);
        await Expect(tabOnA.GetByTestId("actor-node")).ToHaveTextAsync("node-a");
        await Expect(tabOnB.GetByTestId("actor-node")).ToHaveTextAsync("node-b");

        var pidOnB = await ClusterPages.PidOfAsync(tabOnB);

        // Act
        var overview = await ClusterPages.SignInAsync(admin);

        // Assert: each tab's row, with its node; both nodes in the per-node panel
        await Expect(ClusterPages.RowOf(overview, "node-b", pidOnB)).ToHaveCountAsync(1);
        await Expect(ClusterPages.RowOf(overview, "node-a", await ClusterPages.PidOfAsync(tabOnA))).ToHaveCountAsync(1);
        await Expect(ClusterPages.NodePanelEntry(overview, "node-a")).ToBeVisibleAsync();
        await Expect(ClusterPages.NodePanelEntry(overview, "node-b")).ToBeVisibleAsync();
        await Expect(overview.GetByTestId("cluster-degraded")).ToHaveCountAsync(0);

        // Act: node B's tab closes
        await onB.CloseAsync();

        // Assert: its row leaves node A's overview
        await Expect(ClusterPages.RowOf(overview, "node-b", pidOnB)).ToHaveCountAsync(0);
        fixture.AssertNoUnhandledExceptions();
    }
}

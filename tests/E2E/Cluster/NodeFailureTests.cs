using System.Diagnostics;
using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class NodeFailureTests(ClusterFixture fixture) : IAsyncLifetime
{
    /// <summary>A node that stops renewing its membership is gone from every overview within this (the bound).</summary>
    private static readonly TimeSpan LeaveWithin = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a tab on the dead node may take to land on the other one: the gateway's probes take the node out of
    /// the pool (~4 s), Blazor's reconnect attempts reach the other node, which knows no such circuit, and the page
    /// reloads there.
    /// </summary>
    private static readonly TimeSpan MoveWithin = TimeSpan.FromSeconds(45);

    public Task InitializeAsync() => fixture.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task KillNodeB_ItsRowsLeaveNodeAOverview_AndItsTabReconnectsToNodeAWithANewActor()
    {
        // Arrange: users through the gateway until one is on node B; the operator straight on node A
        var users = new List<IBrowserContext>();
        await using var admin = await fixture.NewContextAsync(fixture.NodeA.BaseAddress);
        try
        {
            var tabOnB = await OpenTabOnNodeAsync(users, "node-b");
            var pidOnB = await ClusterPages.PidOfAsync(tabOnB);
            var overview = await ClusterPages.SignInAsync(admin);
            await Expect(ClusterPages.RowOf(overview, "node-b", pidOnB)).ToHaveCountAsync(1);
            await tabOnB.EvaluateAsync("() => window.beforeTheKill = true"); // gone once the page has reloaded

            // Act
            await fixture.NodeB.KillAsync();
            var killed = Stopwatch.StartNew();

            // Assert: node B and its rows leave node A's overview within 15 s
            await Expect(ClusterPages.RowsOf(overview, "node-b")).ToHaveCountAsync(0, new() { Timeout = (float)LeaveWithin.TotalMilliseconds });
            await Expect(ClusterPages.NodePanelEntry(overview, "node-b")).ToHaveCountAsync(0, new() { Timeout = (float)(LeaveWithin - killed.Elapsed).TotalMilliseconds });
            Assert.True(killed.Elapsed <= LeaveWithin, $"node B left the overview {killed.Elapsed.TotalSeconds:0.0} s after it was killed");

            // Assert: the tab that was on B reloaded onto A, with a new actor there, and says so
            await Expect(tabOnB.GetByTestId("actor-node")).ToHaveTextAsync("node-a", new() { Timeout = (float)MoveWithin.TotalMilliseconds });
            await tabOnB.WaitForInteractiveAsync();
            Assert.Null(await tabOnB.EvaluateAsync<bool?>("() => window.beforeTheKill ?? null"));
            await Expect(tabOnB.GetByTestId("node-changed")).ToBeVisibleAsync();
            var newPid = await ClusterPages.PidOfAsync(tabOnB);
            await Expect(ClusterPages.RowOf(overview, "node-a", newPid)).ToHaveCountAsync(1);
            await tabOnB.GetByTestId("btn-request").ClickAsync();
            await Expect(tabOnB.GetByTestId("last-result")).ToContainTextAsync("replied");
        }
        finally
        {
            foreach (var user in users)
            {
                await user.DisposeAsync();
            }
        }

        fixture.AssertNoUnhandledExceptions();
    }

    /// <summary>Opens tabs through the gateway, each in a new context (a new affinity cookie), until one lands on <paramref name="node"/>.</summary>
    private async Task<IPage> OpenTabOnNodeAsync(List<IBrowserContext> users, string node)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var user = await fixture.NewContextAsync(fixture.Gateway.BaseAddress);
            users.Add(user);
            var tab = await ClusterPages.OpenTabAsync(user);
            if (await ClusterPages.NodeOfAsync(tab) == node)
            {
                return tab;
            }
        }

        throw new InvalidOperationException($"Six users through the gateway and none landed on {node}.");
    }
}

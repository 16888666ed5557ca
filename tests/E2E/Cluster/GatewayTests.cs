using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class GatewayTests(ClusterFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task OpenTabsThroughGateway_SpreadsThemOverBothNodes_AndEachUserStaysOnItsNode()
    {
        // Arrange: three users, each with its own cookies (so its own affinity cookie); new users go round-robin
        var users = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fixture.NewContextAsync(fixture.Gateway.BaseAddress)));
        try
        {
            // Act
            var tabs = new List<IPage>();
            foreach (var user in users)
            {
                tabs.Add(await ClusterPages.OpenTabAsync(user));
            }

            // Assert: both nodes got users
            var nodes = await Task.WhenAll(tabs.Select(ClusterPages.NodeOfAsync));
            Assert.Equal(["node-a", "node-b"], nodes.Distinct().Order());

            // Act: each user opens a second tab
            var secondTabs = await Task.WhenAll(users.Select(ClusterPages.OpenTabAsync));

            // Assert: the affinity cookie sent it to the same node as the first tab, with an actor of its own
            for (var i = 0; i < users.Length; i++)
            {
                await Expect(secondTabs[i].GetByTestId("actor-node")).ToHaveTextAsync(nodes[i]);
                Assert.NotEqual(await ClusterPages.PidOfAsync(tabs[i]), await ClusterPages.PidOfAsync(secondTabs[i]));
            }
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
}

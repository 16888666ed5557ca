using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Smoke;

[Collection(DashboardCollection.Name)]
public sealed class CircuitTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Request_WhenInteractive_CompletesThroughTheWebSocket()
    {
        // Arrange
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var socket = await page.RunAndWaitForWebSocketAsync(
            () => page.GotoAsync("/"),
            new PageRunAndWaitForWebSocketOptions { Predicate = ws => ws.Url.Contains("/_blazor", StringComparison.Ordinal) });
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("actor-pid")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^<0\.\d+\.0>$"));
        var framesSent = 0;
        socket.FrameSent += (_, _) => Interlocked.Increment(ref framesSent);

        // Act
        await page.GetByTestId("btn-request").ClickAsync();

        // Assert
        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("replied");
        Assert.False(socket.IsClosed);
        Assert.True(Volatile.Read(ref framesSent) > 0, "The click did not travel over the circuit's WebSocket.");
    }

    [Fact]
    public async Task OpenThreeTabs_AtOnce_EachHasItsOwnActor()
    {
        // Arrange
        await using var context = await fixture.NewContextAsync();

        // Act
        var tabs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => context.OpenInteractiveAsync("/")));
        var pids = new List<string>();
        foreach (var tab in tabs)
        {
            await Expect(tab.GetByTestId("actor-pid")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^<0\.\d+\.0>$"));
            pids.Add(await tab.GetByTestId("actor-pid").InnerTextAsync());
        }

        // Assert
        Assert.Equal(3, pids.Distinct().Count());
    }
}

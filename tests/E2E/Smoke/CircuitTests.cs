using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Smoke;

[Collection(DashboardCollection.Name)]
public sealed class CircuitTests(DashboardFixture fixture)
{
    [Fact]
    public async Task ClickSmokeButton_WhenInteractive_UpdatesCountThroughWebSocket()
    {
        // Arrange
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var socket = await page.RunAndWaitForWebSocketAsync(
            () => page.GotoAsync("/"),
            new PageRunAndWaitForWebSocketOptions { Predicate = ws => ws.Url.Contains("/_blazor", StringComparison.Ordinal) });
        await page.WaitForInteractiveAsync();
        var count = page.GetByTestId("smoke-count");
        await Expect(count).ToHaveTextAsync("0");
        var framesSent = 0;
        socket.FrameSent += (_, _) => Interlocked.Increment(ref framesSent);

        // Act
        await page.GetByTestId("smoke-button").ClickAsync();

        // Assert
        await Expect(count).ToHaveTextAsync("1");
        Assert.False(socket.IsClosed);
        Assert.True(Volatile.Read(ref framesSent) > 0, "The click did not travel over the circuit's WebSocket.");
    }

    [Fact]
    public async Task OpenThreeTabs_AtOnce_EachHasItsOwnInteractiveCircuit()
    {
        // Arrange
        await using var context = await fixture.NewContextAsync();

        // Act
        var tabs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => context.OpenInteractiveAsync("/")));
        for (var tab = 0; tab < tabs.Length; tab++)
        {
            for (var click = 0; click < tab + 1; click++)
            {
                await tabs[tab].GetByTestId("smoke-button").ClickAsync();
                await Expect(tabs[tab].GetByTestId("smoke-count")).ToHaveTextAsync($"{click + 1}");
            }
        }

        // Assert
        for (var tab = 0; tab < tabs.Length; tab++)
        {
            await Expect(tabs[tab].GetByTestId("smoke-count")).ToHaveTextAsync($"{tab + 1}");
        }
    }
}

using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Smoke;

[Collection(DashboardCollection.Name)]
public sealed class PublishedAppTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Publish_ReleaseInProduction_ServesAssetsAndAnInteractivePage()
    {
        // Arrange
        await using var app = await PublishedApp.StartAsync();
        using var client = app.CreateHttpClient();

        // Act
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        await using var context = await fixture.NewContextAsync(app.BaseAddress);
        var page = await context.OpenInteractiveAsync("/");

        // Assert
        Assert.Contains("data-testid=\"app-shell\"", html, StringComparison.Ordinal);
        await StaticAssets.AssertServedAsync(client);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToBeVisibleAsync();
    }
}

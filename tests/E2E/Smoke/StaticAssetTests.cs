using E2E.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace E2E.Smoke;

[Collection(DashboardCollection.Name)]
public sealed class StaticAssetTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Get_FixtureServer_ServesMudBlazorAndBlazorScripts()
    {
        // Arrange
        using var client = fixture.CreateHttpClient();

        // Act / Assert
        await StaticAssets.AssertServedAsync(client);
    }

    [Fact]
    public async Task Get_ProductionEnvironment_ServesMudBlazorAndBlazorScripts()
    {
        // Arrange: outside Development only UseStaticWebAssets() in Program makes these files reachable.
        await using var server = new DashboardServer(Environments.Production);
        server.Start();
        using var client = server.CreateHttpClient();

        // Act / Assert
        await StaticAssets.AssertServedAsync(client);
    }

    [Fact]
    public async Task Get_Healthz_AnswersHealthy()
    {
        // Arrange
        using var client = fixture.CreateHttpClient();

        // Act
        var body = await client.GetStringAsync(new Uri("healthz", UriKind.Relative));

        // Assert
        Assert.Equal("Healthy", body);
    }
}

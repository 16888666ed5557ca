using Bunit;
using Dashboard.Cluster;
using Dashboard.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;

namespace Unit.Dashboard.Components.Layout;

public sealed class MainLayoutTests : DashboardTestContext
{
    public MainLayoutTests() => Services.AddSingleton(new NodeIdentity("node-a", "http://node-a.test", DateTimeOffset.UnixEpoch));

    [Fact]
    public void Render_WithBody_ShowsAppBarNavigationAndBody()
    {
        // Arrange
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        RenderFragment body = builder => builder.AddMarkupContent(0, "<p id=\"page-body\">page body</p>");

        // Act
        var cut = Render<MainLayout>(parameters => parameters.Add(layout => layout.Body, body));

        // Assert
        Assert.Contains("Actor dashboard", cut.Find("header.mud-appbar").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll("nav a.mud-nav-link").Count);
        Assert.Equal("page body", cut.Find(".mud-main-content #page-body").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=app-shell]").GetAttribute("data-interactive"));
    }
}

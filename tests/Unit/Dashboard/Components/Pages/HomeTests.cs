using Bunit;
using Dashboard.Components.Pages;
using Microsoft.AspNetCore.Components;

namespace Unit.Dashboard.Components.Pages;

public sealed class HomeTests : DashboardTestContext
{
    [Fact]
    public void Render_WhilePrerendering_DisablesSmokeButton()
    {
        // Arrange
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        // Act
        var cut = Render<Home>();

        // Assert
        Assert.True(cut.Find("[data-testid=smoke-button]").HasAttribute("disabled"));
        cut.Find("[data-testid=smoke-count]").MarkupMatches("<span data-testid=\"smoke-count\">0</span>");
    }

    [Fact]
    public void Click_WhenInteractive_IncrementsCount()
    {
        // Arrange
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = Render<Home>();

        // Act
        cut.Find("[data-testid=smoke-button]").Click();
        cut.Find("[data-testid=smoke-button]").Click();

        // Assert
        Assert.Equal("2", cut.Find("[data-testid=smoke-count]").TextContent);
    }
}

using Bunit;
using Dashboard.Components.Layout;

namespace Unit.Dashboard.Components.Layout;

public sealed class NavMenuTests : DashboardTestContext
{
    [Fact]
    public void Render_Always_LinksEveryPageByName()
    {
        // Arrange / Act
        var cut = Render<NavMenu>();

        // Assert
        var links = cut.FindAll("a.mud-nav-link")
            .Select(a => (Href: a.GetAttribute("href"), Text: a.TextContent.Trim()))
            .ToList();
        Assert.Equal([("", "My actor"), ("overview", "Overview")], links);
    }

    [Fact]
    public void Render_AtRoot_MarksOnlyMyActorActive()
    {
        // Arrange / Act
        var cut = Render<NavMenu>();

        // Assert
        var active = Assert.Single(cut.FindAll("a.mud-nav-link.active"));
        Assert.Equal("My actor", active.TextContent.Trim());
    }
}

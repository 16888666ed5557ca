using ActorRuntime;
using Bunit;
using Dashboard.Components.Pages.Overview;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Dashboard.VirtualUsers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

using Unit.Dashboard.VirtualUsers;

namespace Unit.Dashboard.Components.Pages.Overview;

public sealed class VirtualUsersControlTests : DashboardTestContext
{
    private readonly FakeTimeProvider _time = new();

    public VirtualUsersControlTests()
    {
        VirtualUserHarness.AddVirtualUsers(Services, _time, new ActorSystem(new ActorSystemOptions { MaxActors = 100 }, _time), new ActorDirectory(),
            new VirtualUserOptions { Max = 5 });
    }

    [Fact]
    public void Render_NoUsers_ShowsZeroOfTheCapAndDisablesStop()
    {
        // Act
        var cut = Render<VirtualUsersControl>();

        // Assert
        Assert.Equal("0 running (cap 5)", cut.Find("[data-testid=virtual-running]").TextContent);
        Assert.True(cut.Find("[data-testid=btn-virtual-stop]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ClickStart_PastTheCap_StartsUpToItAndSaysWhy()
    {
        // Arrange
        var cut = Render<VirtualUsersControl>(parameters => parameters.Add(p => p.InitialCount, 5));
        await Services.GetRequiredService<VirtualUserService>().StartAsync(2);

        // Act
        cut.Find("[data-testid=btn-virtual-start]").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("5 running (cap 5)", cut.Find("[data-testid=virtual-running]").TextContent));
        Assert.Contains("Started 3: the virtual user cap of 5 is reached", cut.Find("[data-testid=virtual-notice]").TextContent, StringComparison.Ordinal);
        Assert.Equal(5, Services.GetRequiredService<ActorDirectory>().Count(OwnerKind.Virtual));
    }

    [Fact]
    public async Task ClickStop_WithUsers_StopsThemAll()
    {
        // Arrange
        var users = Services.GetRequiredService<VirtualUserService>();
        var cut = Render<VirtualUsersControl>();
        await users.StartAsync(3);
        cut.WaitForAssertion(() => Assert.Equal("3 running (cap 5)", cut.Find("[data-testid=virtual-running]").TextContent));

        // Act
        cut.Find("[data-testid=btn-virtual-stop]").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Stopped 3.", cut.Find("[data-testid=virtual-notice]").TextContent));
        Assert.Equal("0 running (cap 5)", cut.Find("[data-testid=virtual-running]").TextContent);
        Assert.Equal(0, Services.GetRequiredService<ActorSystem>().ActorCount);
    }
}

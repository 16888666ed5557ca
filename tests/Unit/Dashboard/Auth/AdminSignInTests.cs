using System.Reflection;
using Dashboard.Auth;
using Dashboard.Components.Pages.ActorDetail;
using Dashboard.Components.Pages.Overview;
using Microsoft.AspNetCore.Authorization;

namespace Unit.Dashboard.Auth;

public sealed class AdminSignInTests
{
    [Theory]
    [InlineData("/overview", "/overview")]
    [InlineData("/actors/5?x=1#top", "/actors/5?x=1#top")]
    [InlineData("/", "/")]
    [InlineData(null, AdminSignIn.DefaultReturnUrl)]
    [InlineData("", AdminSignIn.DefaultReturnUrl)]
    [InlineData("overview", AdminSignIn.DefaultReturnUrl)]
    [InlineData("https://evil.example/", AdminSignIn.DefaultReturnUrl)]
    [InlineData("//evil.example/", AdminSignIn.DefaultReturnUrl)]
    [InlineData("/\\evil.example/", AdminSignIn.DefaultReturnUrl)]
    [InlineData("/\r\nLocation: https://evil.example/", AdminSignIn.DefaultReturnUrl)]
    [InlineData("/login?returnUrl=%2Foverview", AdminSignIn.DefaultReturnUrl)]
    public void LocalReturnUrl_OnlyFollowsPathsOnThisSite(string? returnUrl, string expected)
    {
        // Act
        var target = AdminSignIn.LocalReturnUrl(returnUrl);

        // Assert
        Assert.Equal(expected, target);
    }

    [Fact]
    public void CreatePrincipal_IsAnAuthenticatedAdmin()
    {
        // Act
        var principal = AdminSignIn.CreatePrincipal();

        // Assert
        Assert.True(principal.Identity?.IsAuthenticated);
        Assert.True(principal.IsInRole(AdminPolicy.Role));
        Assert.Equal(AdminPolicy.Scheme, principal.Identity?.AuthenticationType);
    }

    [Theory]
    [InlineData(typeof(OverviewPage))]
    [InlineData(typeof(ActorDetailPage))]
    public void AdminPages_RequireTheAdminPolicy(Type page)
    {
        // Act
        var authorize = page.GetCustomAttribute<AuthorizeAttribute>();

        // Assert
        Assert.NotNull(authorize);
        Assert.Equal(AdminPolicy.Name, authorize.Policy);
    }
}

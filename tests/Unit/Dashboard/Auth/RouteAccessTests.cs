using System.Reflection;
using Dashboard.Auth;
using Dashboard.Components.Pages.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Unit.Dashboard.Auth;

/// <summary>A normal user's tab reaches only its own actor: no page open to visitors takes a pid (or anything else) from the URL.</summary>
public sealed class RouteAccessTests
{
    private static readonly Type[] Pages = [.. typeof(LoginPage).Assembly.GetTypes().Where(type => type.GetCustomAttributes<RouteAttribute>().Any())];

    [Fact]
    public void PublicPages_TakeNoRouteParameters()
    {
        // Act
        var open = Pages.Where(page => !IsAdminOnly(page))
            .SelectMany(page => page.GetCustomAttributes<RouteAttribute>().Select(route => (page, route.Template)))
            .Where(route => route.Template.Contains('{', StringComparison.Ordinal))
            .ToList();

        // Assert
        Assert.Empty(open);
        Assert.Contains(Pages, page => page.GetCustomAttributes<RouteAttribute>().Any(route => route.Template == "/actors/{PidText}") && IsAdminOnly(page));
    }

    [Fact]
    public void PublicPages_ReadNothingFromTheQueryButTheSignInReturnUrl()
    {
        // Act
        var fromQuery = Pages.Where(page => !IsAdminOnly(page))
            .SelectMany(page => page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(property => property.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null)
                .Select(property => $"{page.Name}.{property.Name}"))
            .ToList();

        // Assert
        Assert.Equal(["LoginPage.ReturnUrl"], fromQuery);
    }

    private static bool IsAdminOnly(Type page) => page.GetCustomAttribute<AuthorizeAttribute>()?.Policy == AdminPolicy.Name;
}

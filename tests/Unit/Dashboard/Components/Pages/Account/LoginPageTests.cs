using Bunit;
using Dashboard.Auth;
using Dashboard.Components.Pages.Account;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Unit.Dashboard.Components.Pages.Account;

public sealed class LoginPageTests : DashboardTestContext
{
    public LoginPageTests()
    {
        Services.AddSingleton(new AdminPassword(Options.Create(new AdminOptions { AdminPassword = "pw" })));
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
    }

    [Fact]
    public void Render_Visitor_PutsTheTestIdsOnTheInputAndTheSubmitButton()
    {
        // Act
        var cut = Render<LoginPage>(parameters => parameters.AddCascadingValue(new DefaultHttpContext()));

        // Assert: Playwright fills the element that carries the test id, so it must be the <input> itself
        var password = cut.Find("[data-testid=login-password]");
        Assert.Equal("INPUT", password.TagName);
        Assert.Equal("password", password.GetAttribute("type"));
        Assert.Equal("Password", password.GetAttribute("name"));
        var submit = cut.Find("[data-testid=login-submit]");
        Assert.Equal("BUTTON", submit.TagName);
        Assert.Equal("submit", submit.GetAttribute("type"));
        var form = cut.Find("form[data-testid=login-form]");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken][value=token]"));
        Assert.Empty(cut.FindAll("[data-testid=login-signed-in]"));
    }

    [Fact]
    public void Render_SignedInOperator_SaysSoAndLinksTheReturnUrl()
    {
        // Arrange
        var http = new DefaultHttpContext { User = AdminSignIn.CreatePrincipal() };
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("login?returnUrl=%2Factors%2F7");

        // Act
        var cut = Render<LoginPage>(parameters => parameters.AddCascadingValue(http));

        // Assert
        var notice = cut.Find("[data-testid=login-signed-in]");
        Assert.Equal("/actors/7", notice.QuerySelector("a")?.GetAttribute("href"));
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("token", "__RequestVerificationToken");
    }
}

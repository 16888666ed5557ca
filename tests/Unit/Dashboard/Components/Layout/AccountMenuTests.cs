using Bunit;
using Dashboard.Auth;
using Dashboard.Components.Layout;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Unit.Dashboard.Components.Layout;

public sealed class AccountMenuTests : DashboardTestContext
{
    [Fact]
    public void Render_Visitor_OffersSignInBackToThisPage()
    {
        // Arrange
        AddAuthorization();
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("actors/3");

        // Act
        var cut = Render<AccountMenu>();

        // Assert
        Assert.Equal("login?returnUrl=%2Factors%2F3", cut.Find("[data-testid=btn-sign-in]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=sign-out-form]"));
    }

    [Fact]
    public void Render_Operator_OffersSignOutAsAnAntiforgeryCheckedPost()
    {
        // Arrange
        AddAuthorization().SetAuthorized("admin").SetRoles(AdminPolicy.Role);
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());

        // Act
        var cut = Render<AccountMenu>();

        // Assert
        var form = cut.Find("form[data-testid=sign-out-form]");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("auth/logout", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Empty(cut.FindAll("[data-testid=btn-sign-in]"));
    }

    [Fact]
    public void Render_WithoutAuthenticationState_ActsAsVisitor()
    {
        // Act
        var cut = Render<AccountMenu>();

        // Assert
        Assert.NotNull(cut.Find("[data-testid=btn-sign-in]"));
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("token", "__RequestVerificationToken");
    }
}

using System.Text.RegularExpressions;
using E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace E2E.Operator;

[Collection(OperatorCollection.Name)]
public sealed class SignInTests(OperatorFixture fixture)
{
    [Fact]
    public async Task Overview_WithoutSignIn_RedirectsToSignIn_AndSigningInLandsBackOnIt()
    {
        // Arrange
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        // Act
        await page.GotoAsync("/overview");

        // Assert
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Foverview$"));
        await Expect(page.GetByTestId("overview-actor-count")).ToHaveCountAsync(0);
        await page.GetByTestId("login-password").FillAsync(OperatorFixture.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/overview$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("overview-actor-count")).ToHaveTextAsync(new Regex(@"^\d+ / 1,048,576$"));
    }

    [Fact]
    public async Task DrillDown_WithoutSignIn_RedirectsToSignIn()
    {
        // Arrange
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        // Act
        await page.GotoAsync("/actors/1");

        // Assert
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Factors%2F1$"));
    }

    [Fact]
    public async Task OverviewLink_FromAUserTab_LeadsToSignIn()
    {
        // Arrange: a user's tab is interactive; its nav link navigates inside the circuit
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");

        // Act
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Overview" }).ClickAsync();

        // Assert
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Foverview$"));
        await Expect(page.GetByTestId("login-password")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignInButton_OnAUserTab_OpensTheStaticFormAndComesBack()
    {
        // Arrange
        await using var context = await fixture.NewContextAsync();
        var page = await context.OpenInteractiveAsync("/");

        // Act
        await page.GetByTestId("btn-sign-in").ClickAsync();

        // Assert: the form page is rendered statically (no circuit), and signing in returns to "My actor"
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2F$"));
        await Expect(page.GetByTestId("app-shell")).ToHaveAttributeAsync("data-interactive", "false");
        await page.GetByTestId("login-password").FillAsync(OperatorFixture.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("btn-sign-out")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnTheFormWithAnError()
    {
        // Arrange
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login?returnUrl=%2Foverview");

        // Act
        await page.GetByTestId("login-password").FillAsync("not the password");
        await page.GetByTestId("login-submit").ClickAsync();

        // Assert
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Wrong password");
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Foverview$"));
        var overview = await context.NewPageAsync();
        await overview.GotoAsync("/overview");
        await Expect(overview).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Foverview$"));
    }

    [Fact]
    public async Task SignOut_FromTheAppBar_EndsTheSignIn()
    {
        // Arrange
        await using var context = await fixture.NewContextAsync();
        var page = await OperatorFixture.SignInAsync(context);

        // Act
        await page.GetByTestId("btn-sign-out").ClickAsync();

        // Assert
        await Expect(page.GetByTestId("btn-sign-in")).ToBeVisibleAsync();
        await page.GotoAsync("/overview");
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Foverview$"));
    }
}

using System.Net;
using ActorRuntime;
using Microsoft.Extensions.DependencyInjection;

namespace E2E.Operator;

[Collection(OperatorCollection.Name)]
public sealed class AuthEndpointTests(OperatorFixture fixture)
{
    [Theory]
    [InlineData("/overview", "/login?returnUrl=%2Foverview")]
    [InlineData("/actors/1", "/login?returnUrl=%2Factors%2F1")]
    [InlineData("/actors/%3C0.1.0%3E", "/login?returnUrl=%2Factors%2F%253C0.1.0%253E")]
    public async Task AdminPage_WithoutSignIn_RedirectsToSignInWithTheReturnUrl(string path, string expected)
    {
        // Arrange
        using var client = fixture.CreateHttpClient();

        // Act
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_RightPassword_SetsAStrictHttpOnlyCookie_ThatOpensTheOverview()
    {
        // Arrange
        using var client = OperatorHttp.CreateClient(fixture.BaseAddress);

        // Act
        using var signIn = await OperatorHttp.PostSignInAsync(client, OperatorFixture.Password, "?returnUrl=%2Factors%2F1");
        using var overview = await client.GetAsync(new Uri("/overview", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/actors/1", signIn.Headers.Location?.OriginalString.Replace(fixture.BaseAddress.ToString().TrimEnd('/'), "", StringComparison.Ordinal));
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), value => value.StartsWith(".ActorDashboard.Admin=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SetsNoCookie()
    {
        // Arrange
        using var client = OperatorHttp.CreateClient(fixture.BaseAddress);

        // Act
        using var signIn = await OperatorHttp.PostSignInAsync(client, "wrong");
        using var overview = await client.GetAsync(new Uri("/overview", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("login-error", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(signIn.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".ActorDashboard.Admin=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task SignIn_ForeignReturnUrl_LandsOnTheOverviewInstead(string returnUrl)
    {
        // Arrange
        using var client = OperatorHttp.CreateClient(fixture.BaseAddress);

        // Act
        using var signIn = await OperatorHttp.PostSignInAsync(client, OperatorFixture.Password, "?returnUrl=" + Uri.EscapeDataString(returnUrl));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var location = signIn.Headers.Location!;
        var target = location.IsAbsoluteUri ? location : new Uri(fixture.BaseAddress, location);
        Assert.Equal(fixture.BaseAddress.Authority, target.Authority);
        Assert.Equal("/overview", target.AbsolutePath);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        // Arrange
        using var client = OperatorHttp.CreateClient(fixture.BaseAddress);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "login", ["Password"] = OperatorFixture.Password });

        // Act
        using var response = await client.PostAsync(new Uri("/login", UriKind.Relative), content);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused()
    {
        // Arrange
        using var client = OperatorHttp.CreateClient(fixture.BaseAddress);
        using var signIn = await OperatorHttp.PostSignInAsync(client, OperatorFixture.Password);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>());

        // Act
        using var signOut = await client.PostAsync(new Uri("/auth/logout", UriKind.Relative), content);
        using var overview = await client.GetAsync(new Uri("/overview", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
    }

    [Fact]
    public async Task Readyz_BelowTheLimit_IsHealthy_AndHealthzStaysLiveness()
    {
        // Arrange
        using var client = fixture.CreateHttpClient();
        var system = fixture.Server.Services.GetRequiredService<ActorSystem>();
        Assert.True(system.ActorCount < system.Options.MaxActors);

        // Act
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}

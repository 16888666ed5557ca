using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Auth;
using Dashboard.Hubs;
using E2E.Hub;
using E2E.Infrastructure;
using E2E.Operator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using Cookie = System.Net.Cookie;

namespace E2E.Reliability;

/// <summary>What a caller presents.</summary>
public enum Credentials
{
    /// <summary>Nothing at all.</summary>
    None,

    /// <summary>The cookies of a client whose sign-in failed (wrong password).</summary>
    WrongPassword,

    /// <summary>The cookies of a browser that only used "My actor" (<c>/</c>): an ordinary user's tab.</summary>
    UserTab,

    /// <summary>A made-up sign-in cookie (right name, value not issued by the server).</summary>
    ForgedCookie,
}

/// <summary>Every admin-only surface of the dashboard.</summary>
public enum AdminSurface
{
    /// <summary><c>GET /overview</c>.</summary>
    OverviewPage,

    /// <summary><c>GET /actors/{pid}</c>, the drill-down.</summary>
    ActorPage,

    /// <summary>The hub method <c>StreamOverview(top)</c>.</summary>
    StreamOverview,
}

/// <summary>
/// The auth matrix in Development: every admin surface with each kind of non-admin credentials is refused.
/// Without any credentials is covered by <see cref="AuthEndpointTests"/> (pages) and <see cref="HubOverviewTests"/> (hub);
/// the sign-in rate limit by <see cref="SignInRateLimitTests"/>; the cookie's flags in Development by
/// <see cref="AuthEndpointTests"/>. <see cref="ProductionAuthMatrixTests"/> runs the whole matrix in Production.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class AuthMatrixTests(ReliabilityFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<Credentials, AdminSurface> Matrix => AuthMatrix.Cases(Credentials.WrongPassword, Credentials.UserTab, Credentials.ForgedCookie);

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task AdminSurface_WithoutAdminSignIn_IsRefused(Credentials credentials, AdminSurface surface) =>
        AuthMatrix.AssertRefusedAsync(fixture, credentials, surface, output);
}

/// <summary>
/// The auth matrix in Production (generic error pages, <c>Secure</c> cookies), including no credentials at all, and
/// the sign-in cookie's flags there.
/// </summary>
[Collection(ProductionReliabilityCollection.Name)]
public sealed class ProductionAuthMatrixTests(ProductionReliabilityFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<Credentials, AdminSurface> Matrix => AuthMatrix.Cases(Enum.GetValues<Credentials>());

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task AdminSurface_WithoutAdminSignIn_IsRefused(Credentials credentials, AdminSurface surface) =>
        AuthMatrix.AssertRefusedAsync(fixture, credentials, surface, output);

    [Fact]
    public async Task SignIn_RightPassword_SetsASecureHttpOnlyStrictCookie_ThatOpensTheOverview()
    {
        // Arrange
        using var client = OperatorHttp.CreateClient(fixture.BaseAddress);

        // Act
        using var signIn = await OperatorHttp.PostSignInAsync(client, OperatorFixture.Password);

        // Assert: the flags, on the Set-Cookie header itself
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), value => value.StartsWith(AdminPolicy.CookieName + "=", StringComparison.Ordinal));
        output.WriteLine(Regex.Replace(cookie, "=[^;]+;", "=…;"));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(attribute => attribute.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);

        // Assert: the cookie is the credential (sent by hand: a client keeps a Secure cookie for HTTPS, and TLS is the proxy's job)
        using var overview = new HttpRequestMessage(HttpMethod.Get, new Uri("/overview", UriKind.Relative));
        overview.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var plain = fixture.CreateHttpClient();
        using var response = await plain.SendAsync(overview);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>The matrix's cases and checks, shared by the Development and Production runs.</summary>
internal static class AuthMatrix
{
    public static TheoryData<Credentials, AdminSurface> Cases(params Credentials[] credentials)
    {
        var cases = new TheoryData<Credentials, AdminSurface>();
        foreach (var credential in credentials)
        {
            foreach (var surface in Enum.GetValues<AdminSurface>())
            {
                cases.Add(credential, surface);
            }
        }

        return cases;
    }

    /// <summary>
    /// Builds <paramref name="credentials"/> against <paramref name="fixture"/>'s server, then asks for
    /// <paramref name="surface"/> with them: a page must redirect to the sign-in form, the hub method must throw a
    /// <see cref="HubException"/> and leave the connection working.
    /// </summary>
    public static async Task AssertRefusedAsync(ReliabilityFixture fixture, Credentials credentials, AdminSurface surface, ITestOutputHelper output)
    {
        // Arrange
        await using var browser = await fixture.NewContextAsync();
        var cookies = await CookiesAsync(fixture, browser, credentials);
        output.WriteLine($"{credentials}: cookies [{string.Join(", ", cookies.GetAllCookies().Select(cookie => cookie.Name))}]");

        // Act and assert
        switch (surface)
        {
            case AdminSurface.OverviewPage:
                await AssertRedirectsToSignInAsync(fixture, browser, credentials, cookies, "/overview", "/login?returnUrl=%2Foverview");
                break;
            case AdminSurface.ActorPage:
                await AssertRedirectsToSignInAsync(fixture, browser, credentials, cookies, "/actors/1", "/login?returnUrl=%2Factors%2F1");
                break;
            case AdminSurface.StreamOverview:
                await using (var connection = await HubClients.ConnectAsync(fixture, options => options.Cookies = cookies))
                {
                    var error = await Assert.ThrowsAsync<HubException>(async () =>
                    {
                        await foreach (var _ in connection.StreamAsync<OverviewDto>("StreamOverview", 5))
                        {
                        }
                    });
                    output.WriteLine(error.Message);
                    Assert.Contains("Failed to invoke 'StreamOverview' because user is unauthorized", error.Message, StringComparison.Ordinal);
                    await connection.AssertHealthyAsync();
                }

                break;
        }
    }

    private static async Task AssertRedirectsToSignInAsync(
        DashboardFixture fixture, IBrowserContext browser, Credentials credentials, CookieContainer cookies, string path, string signIn)
    {
        using var client = OperatorHttp.CreateClient(fixture.BaseAddress, cookies);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(signIn, response.Headers.Location?.PathAndQuery);

        if (credentials == Credentials.UserTab)
        {
            // The user's own browser, with its tab still open on "My actor".
            var page = await browser.NewPageAsync();
            await page.GotoAsync(path);
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(signIn) + "$"));
            await Expect(page.GetByTestId("login-password")).ToBeVisibleAsync();
        }
    }

    private static async Task<CookieContainer> CookiesAsync(ReliabilityFixture fixture, IBrowserContext browser, Credentials credentials)
    {
        var cookies = new CookieContainer();
        switch (credentials)
        {
            case Credentials.WrongPassword:
            {
                var logs = fixture.Logs.Count;
                using var client = OperatorHttp.CreateClient(fixture.BaseAddress, cookies);
                using var signIn = await OperatorHttp.PostSignInAsync(client, "not-the-password");
                Assert.Equal(HttpStatusCode.OK, signIn.StatusCode); // the form again, with its error
                Assert.Contains(fixture.Logs.Since(logs), entry => entry.EventId.Id == 1202); // "Operator sign-in failed …: wrong password."
                break;
            }

            case Credentials.UserTab:
            {
                await browser.OpenInteractiveAsync("/");
                foreach (var cookie in await browser.CookiesAsync())
                {
                    cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
                }

                break;
            }

            case Credentials.ForgedCookie:
                cookies.Add(new Cookie(AdminPolicy.CookieName, "CfDJ8" + new string('A', 200), "/", fixture.BaseAddress.Host));
                break;
        }

        Assert.DoesNotContain(cookies.GetAllCookies(), cookie => cookie.Name == AdminPolicy.CookieName && credentials != Credentials.ForgedCookie);
        return cookies;
    }
}

using System.Net;
using Dashboard.Auth;
using E2E.Infrastructure;
using E2E.Operator;

namespace E2E.Cluster;

/// <summary>
/// Each node has its own key-ring directory, so only the Data Protection keys in Redis can make a cookie or an
/// antiforgery token of one node readable by the other.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SharedKeysTests(ClusterFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SignInOnNodeA_ItsCookieIsHonouredByNodeB()
    {
        // Arrange
        using var nodeA = OperatorHttp.CreateClient(fixture.NodeA.BaseAddress);
        using var nodeB = OperatorHttp.CreateClient(fixture.NodeB.BaseAddress, new CookieContainer());
        using (var before = await nodeB.GetAsync(new Uri("/overview", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        }

        // Act: sign in on A, then show node A's admin cookie to B
        using var signIn = await OperatorHttp.PostSignInAsync(nodeA, ClusterFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = AdminCookie(signIn);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/overview", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var onB = await nodeB.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        fixture.AssertNoUnhandledExceptions();
    }

    [Fact]
    public async Task SignInFormFromNodeA_PostedToNodeB_IsAccepted()
    {
        // Arrange: one cookie jar for 127.0.0.1 (cookies ignore the port), so B gets the antiforgery cookie A issued
        var cookies = new CookieContainer();
        using var nodeA = OperatorHttp.CreateClient(fixture.NodeA.BaseAddress, cookies);
        using var nodeB = OperatorHttp.CreateClient(fixture.NodeB.BaseAddress, cookies);

        // Act: the form (and its antiforgery token) from A, the POST to B
        using var signIn = await OperatorHttp.PostSignInAsync(nodeA, ClusterFixture.Password, postTo: nodeB);

        // Assert: B accepted A's token and signed the operator in
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.EndsWith("/overview", signIn.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Contains(AdminPolicy.CookieName, AdminCookie(signIn), StringComparison.Ordinal);
        fixture.AssertNoUnhandledExceptions();
    }

    private static string AdminCookie(HttpResponseMessage response)
    {
        var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(value => value.StartsWith(AdminPolicy.CookieName + "=", StringComparison.Ordinal))
            : null;
        Assert.True(setCookie is not null, $"The sign-in answer set no {AdminPolicy.CookieName} cookie.");
        return setCookie.Split(';')[0];
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Net;
using Dashboard.Auth;
using E2E.Infrastructure;

namespace E2E.Operator;

/// <summary>A locked-down server: two sign-in attempts per client per 10 minutes, and no metrics.</summary>
public sealed class SignInLimitFixture() : DashboardFixture(new Dictionary<string, string?>
{
    ["Dashboard:AdminPassword"] = OperatorFixture.Password,
    ["Dashboard:SignIn:PermitLimit"] = "2",
    ["Dashboard:SignIn:Window"] = "00:10:00",
    ["Dashboard:Metrics:Enabled"] = "false",
});

[CollectionDefinition(Name)]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "An xunit collection definition.")]
public sealed class SignInLimitCollection : ICollectionFixture<SignInLimitFixture>
{
    public const string Name = "SignInLimit";
}

[Collection(SignInLimitCollection.Name)]
public sealed class SignInRateLimitTests(SignInLimitFixture fixture)
{
    [Fact]
    public async Task SignIn_ThirdAttemptInTheWindow_Gets429WithAPlainExplanation_ButTheFormStillLoads()
    {
        // Arrange
        using var client = OperatorHttp.CreateClient(fixture.BaseAddress);
        using var first = await OperatorHttp.PostSignInAsync(client, "wrong 1");
        using var second = await OperatorHttp.PostSignInAsync(client, "wrong 2");

        // Act: even the right password is refused now
        using var third = await OperatorHttp.PostSignInAsync(client, OperatorFixture.Password);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(SignInRateLimit.RejectionMessage, await third.Content.ReadAsStringAsync());
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 429 should say when to retry.");
        using var form = await client.GetAsync(new Uri("/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task Metrics_Disabled_AnswersNotFound()
    {
        // Arrange
        using var client = fixture.CreateHttpClient();

        // Act
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

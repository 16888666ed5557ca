using System.Net;
using Dashboard.Hubs;
using E2E.Infrastructure;
using E2E.Operator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TestSupport;

namespace E2E.Hub;

/// <summary><c>StreamOverview</c> is for admins: the operator's sign-in cookie opens it, nothing else does.</summary>
[Collection(OperatorCollection.Name)]
public sealed class HubOverviewTests(OperatorFixture fixture)
{
    [Fact]
    public async Task StreamOverview_WithoutSignIn_ThrowsHubExceptionAndStaysHealthy()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);

        // Act
        var error = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in connection.StreamAsync<OverviewDto>("StreamOverview", 5))
            {
            }
        });

        // Assert
        Assert.Contains("unauthorized", error.Message, StringComparison.OrdinalIgnoreCase);
        await connection.AssertHealthyAsync();
    }

    [Fact]
    public async Task StreamOverview_SignedIn_StreamsTheNodeWithItsHubActors()
    {
        // Arrange
        var cookies = new CookieContainer();
        using (var http = OperatorHttp.CreateClient(fixture.BaseAddress, cookies))
        using (var signIn = await OperatorHttp.PostSignInAsync(http, OperatorFixture.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        await using var admin = await HubClients.ConnectAsync(fixture, options => options.Cookies = cookies);
        await using var first = await HubClients.ConnectAsync(fixture);
        await using var second = await HubClients.ConnectAsync(fixture);
        var pids = new[] { fixture.PidOf(first).ToString(), fixture.PidOf(second).ToString() };

        // Act: the overview index refreshes on its own timer, so read until it lists both hub actors.
        OverviewDto? seen = null;
        using var stop = new CancellationTokenSource(Until.DefaultTimeout);
        await foreach (var snapshot in admin.StreamAsync<OverviewDto>("StreamOverview", 100, stop.Token))
        {
            seen = snapshot;
            if (pids.All(pid => snapshot.Busiest.Any(row => row.Pid == pid)))
            {
                break;
            }
        }

        // Assert
        Assert.NotNull(seen);
        Assert.All(pids, pid => Assert.Contains(seen.Busiest, row => row.Pid == pid && row.Owner == "hub"));
        Assert.True(seen.HubActors >= 3, $"{seen.HubActors} hub actors"); // the admin's own connection has one too
        Assert.True(seen.LiveActors >= seen.HubActors);
        Assert.Equal(fixture.Actors().Options.MaxActors, seen.MaxActors);
        Assert.True(seen.Busiest.Count <= 100);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task StreamOverview_TopOutOfRange_ThrowsClearHubException(int top)
    {
        // Arrange
        var cookies = new CookieContainer();
        using (var http = OperatorHttp.CreateClient(fixture.BaseAddress, cookies))
        using (await OperatorHttp.PostSignInAsync(http, OperatorFixture.Password))
        {
        }

        await using var admin = await HubClients.ConnectAsync(fixture, options => options.Cookies = cookies);

        // Act
        var error = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in admin.StreamAsync<OverviewDto>("StreamOverview", top))
            {
            }
        });

        // Assert
        Assert.Contains($"top must be between 0 and 100 (was {top})", error.Message, StringComparison.Ordinal);
        await admin.AssertHealthyAsync();
    }
}

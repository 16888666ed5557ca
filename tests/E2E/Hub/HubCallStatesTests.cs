using Dashboard.Hubs;
using E2E.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace E2E.Hub;

/// <summary>The hub's additive call-state fields: a timeout's kind on <see cref="CallResultDto"/>, cancelled work and the kinds in <see cref="TelemetryDto"/>.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HubCallStatesTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Request_LatencyAboveTimeout_ReturnsADeferredTimeoutAndTelemetryCountsTheCancelledWork()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);
        await connection.InvokeAsync<ExternalWorkDto>("Configure", 10_000, 0.0, 0.0);

        // Act
        var result = await connection.InvokeAsync<CallResultDto>("Request", 300);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        TelemetryDto? seen = null;
        await foreach (var snapshot in connection.StreamAsync<TelemetryDto>("StreamTelemetry", stop.Token))
        {
            seen = snapshot;
            if (snapshot.CancelledWork == 1)
            {
                break; // the job stopped on the worker's thread just after the caller's outcome
            }
        }

        // Assert
        Assert.Equal(CallOutcomeKind.Timeout, result.Outcome);
        Assert.Equal(TimeoutKind.Deferred, result.TimeoutKind); // travelled as "deferred"
        Assert.Equal("timed out after 300 ms while deferred", result.Message);
        Assert.NotNull(seen);
        Assert.Equal((1, 0, 0, 1), (seen.Timeouts, seen.TimeoutsQueued, seen.TimeoutsInHandler, seen.TimeoutsDeferred));
        Assert.Equal((1, 0, 0), (seen.CancelledWork, seen.LateReplies, seen.ExternalInFlight));
    }

    [Fact]
    public async Task Request_Replied_HasNoTimeoutKind()
    {
        await using var connection = await HubClients.ConnectAsync(fixture);

        var result = await connection.InvokeAsync<CallResultDto>("Request", 5_000);

        Assert.True(result.Ok, result.Message);
        Assert.Null(result.TimeoutKind);
    }
}

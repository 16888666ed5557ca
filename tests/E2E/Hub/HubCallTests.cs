using Dashboard.Hubs;
using Dashboard.Services;
using E2E.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace E2E.Hub;

[Collection(DashboardCollection.Name)]
public sealed class HubCallTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Request_DeferredCall_RoundTripsWithItsOwnAnswer()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);
        var pid = fixture.PidOf(connection);

        // Act
        var result = await connection.InvokeAsync<CallResultDto>("Request", 5_000);

        // Assert
        Assert.Equal(CallOutcomeKind.Replied, result.Outcome);
        Assert.StartsWith("pong after", result.Message, StringComparison.Ordinal);
        Assert.NotNull(result.ExternalLatencyMs);
        Assert.InRange(result.ExternalLatencyMs!.Value, 240, 360); // 300 ms ± 20 % jitter
        Assert.True(result.ElapsedMs >= result.ExternalLatencyMs.Value - 5, $"{result.ElapsedMs} ms < external {result.ExternalLatencyMs} ms"); // timers may fire a hair early
        var owner = fixture.Server.Services.GetRequiredService<ActorDirectory>().Find(pid);
        Assert.NotNull(owner);
        Assert.Equal(OwnerKind.Hub, owner.Owner);
        Assert.Equal("hub", fixture.Actors().GetInfo(pid)?.Owner);
    }

    [Fact]
    public async Task Heartbeat_DeferredCall_Replies()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);

        // Act
        var result = await connection.InvokeAsync<CallResultDto>("Heartbeat");

        // Assert
        Assert.True(result.Ok, result.Message);
        Assert.Equal(1, fixture.ServerSide(connection).Session.Tracker.Snapshot().Counters.Replies);
    }

    [Fact]
    public async Task Request_ExternalWorkNeverAnswers_ReturnsTimeout()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);
        await connection.InvokeAsync<ExternalWorkDto>("Configure", 0, 0.0, 1.0);

        // Act
        var result = await connection.InvokeAsync<CallResultDto>("Request", 200);

        // Assert
        Assert.Equal(CallOutcomeKind.Timeout, result.Outcome);
        Assert.Contains("timed out after 200 ms", result.Message, StringComparison.Ordinal);
        await connection.InvokeAsync<ExternalWorkDto>("Configure", 0, 0.0, 0.0);
        await connection.AssertHealthyAsync();
    }

    [Fact]
    public async Task Request_ExternalWorkFails_ReturnsExternalFailure()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);
        var settings = await connection.InvokeAsync<ExternalWorkDto>("Configure", 10, 1.0, 0.0);

        // Act
        var result = await connection.InvokeAsync<CallResultDto>("Request", 5_000);

        // Assert
        Assert.Equal(new ExternalWorkDto(10, 1.0, 0.0), settings);
        Assert.Equal(CallOutcomeKind.ExternalFailure, result.Outcome);
        Assert.Equal("external work failed", result.Message);
    }

    [Fact]
    public async Task Request_ActorCrashesWhileDeferred_ReturnsActorExited()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);
        var session = fixture.ServerSide(connection).Session;
        await connection.InvokeAsync<ExternalWorkDto>("Configure", 0, 0.0, 1.0);
        var call = connection.InvokeAsync<CallResultDto>("Request", 30_000);
        await Until.TrueAsync(() => fixture.Actors().GetInfo(session.Pid!.Value)?.DeferredCalls == 1, "the call is deferred");

        // Act
        session.Crash();
        var result = await call;

        // Assert
        Assert.Equal(CallOutcomeKind.ActorExited, result.Outcome);
        Assert.Contains("actor exited", result.Message, StringComparison.Ordinal);
        await connection.InvokeAsync<ExternalWorkDto>("Configure", 0, 0.0, 0.0);
        await connection.AssertHealthyAsync(); // restarted under the same pid
    }

    [Fact]
    public async Task Request_TwoConnections_EachReachesOnlyItsOwnActor()
    {
        // Arrange
        await using var first = await HubClients.ConnectAsync(fixture);
        await using var second = await HubClients.ConnectAsync(fixture);
        var secondCounters = fixture.ServerSide(second).Session.Tracker;

        // Act
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => first.InvokeAsync<CallResultDto>("Request", 5_000)));
        var naming = await Assert.ThrowsAsync<HubException>(() =>
            first.InvokeAsync<CallResultDto>("Request", fixture.PidOf(second).ToString(), 5_000));

        // Assert
        Assert.NotEqual(fixture.PidOf(first), fixture.PidOf(second));
        Assert.Equal(3, fixture.ServerSide(first).Session.Tracker.Snapshot().Counters.Calls);
        Assert.Equal(0, secondCounters.Snapshot().Counters.Calls);
        Assert.Contains("Failed to invoke 'Request'", naming.Message, StringComparison.Ordinal);
        await first.AssertHealthyAsync();
    }

    [Fact]
    public async Task Dispose_Connection_StopsItsActorAndTheCountGoesBack()
    {
        // Arrange
        var connection = await HubClients.ConnectAsync(fixture);
        var pid = fixture.PidOf(connection);
        var registry = fixture.Server.Services.GetRequiredService<HubSessionRegistry>();
        var directory = fixture.Server.Services.GetRequiredService<ActorDirectory>();
        var id = connection.ConnectionId!;
        Assert.True(fixture.Actors().IsAlive(pid));

        // Act
        await connection.DisposeAsync();

        // Assert
        await Until.TrueAsync(() => !fixture.Actors().IsAlive(pid), $"actor {pid} stopped");
        await Until.TrueAsync(() => registry.Find(id) is null, "the connection left the registry");
        Assert.Null(directory.Find(pid));
    }

    [Fact]
    public async Task Dispose_ManyConnections_HubActorCountReturnsToItsFormerValue()
    {
        // Arrange: an earlier test's connection may still be closing on the server (its actor stops after the
        // client has gone), so the count is compared as "at most", and this test's own actors by pid.
        var directory = fixture.Server.Services.GetRequiredService<ActorDirectory>();
        var before = directory.Count(OwnerKind.Hub);
        var connections = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => HubClients.ConnectAsync(fixture)));
        var pids = connections.Select(fixture.PidOf).ToArray();
        Assert.All(pids, pid => Assert.NotNull(directory.Find(pid)));
        Assert.InRange(directory.Count(OwnerKind.Hub), 5, before + 5);

        // Act
        await Task.WhenAll(connections.Select(connection => connection.DisposeAsync().AsTask()));

        // Assert
        await Until.TrueAsync(() => pids.All(pid => directory.Find(pid) is null), "the five hub actors left the directory");
        Assert.InRange(directory.Count(OwnerKind.Hub), 0, before);
    }
}

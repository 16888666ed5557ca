using System.Diagnostics;
using Dashboard.Hubs;
using E2E.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TestSupport;

namespace E2E.Hub;

[Collection(DashboardCollection.Name)]
public sealed class HubTelemetryTests(DashboardFixture fixture)
{
    [Fact]
    public async Task StreamTelemetry_AfterARequest_StreamsThisConnectionsActorAtABoundedRate()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);
        var pid = fixture.PidOf(connection).ToString();
        await connection.AssertHealthyAsync();
        using var stop = new CancellationTokenSource();
        var snapshots = new List<TelemetryDto>();
        var clock = Stopwatch.StartNew();

        // Act
        await foreach (var snapshot in connection.StreamAsync<TelemetryDto>("StreamTelemetry", stop.Token))
        {
            snapshots.Add(snapshot);
            if (snapshots.Count == 5)
            {
                break;
            }
        }

        var elapsed = clock.Elapsed;

        // Assert
        Assert.All(snapshots, snapshot => Assert.Equal(pid, snapshot.Pid));
        Assert.All(snapshots, snapshot => Assert.Equal("running", snapshot.State));
        Assert.All(snapshots, snapshot => Assert.True(snapshot.NodeActorCount >= 1));
        Assert.Equal(1, snapshots[^1].Calls);
        Assert.Equal(1, snapshots[^1].Replies);
        Assert.True(snapshots[^1].LatencyP50Ms > 0);
        // 5 snapshots are 4 periods of 250 ms apart (4 Hz): never faster than the configured rate.
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(900), $"5 snapshots arrived within {elapsed.TotalMilliseconds:0} ms");
        Assert.True(snapshots[^1].At - snapshots[0].At >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task StreamTelemetry_Cancelled_EndsAndCanBeStartedAgain()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);
        using (var stop = new CancellationTokenSource())
        {
            await foreach (var _ in connection.StreamAsync<TelemetryDto>("StreamTelemetry", stop.Token))
            {
                // Act
                await stop.CancelAsync();
                break;
            }
        }

        // Assert: the server released the stream, so a second one starts (it would be refused otherwise).
        TelemetryDto? again = null;
        await Until.TrueAsync(
            async () =>
            {
                try
                {
                    again = await FirstAsync(connection);
                    return true;
                }
                catch (HubException error) when (error.Message.Contains("already streams", StringComparison.Ordinal))
                {
                    return false;
                }
            },
            "a new telemetry stream starts");
        Assert.Equal(fixture.PidOf(connection).ToString(), again!.Pid);
        await connection.AssertHealthyAsync();
    }

    private static async Task<TelemetryDto> FirstAsync(HubConnection connection)
    {
        await foreach (var snapshot in connection.StreamAsync<TelemetryDto>("StreamTelemetry"))
        {
            return snapshot;
        }

        throw new InvalidOperationException("The stream ended without a snapshot.");
    }
}

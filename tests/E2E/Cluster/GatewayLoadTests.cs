extern alias loadsim;

using E2E.Infrastructure;
using loadsim::LoadSim;

namespace E2E.Cluster;

/// <summary>The load simulator through the gateway: hub clients (WebSockets without negotiate) spread over the nodes and hold.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GatewayLoadTests(ClusterFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Run_TenUsersThroughTheGateway_EveryCallHasAnOutcome()
    {
        // Arrange
        var options = LoadOptions.Parse(
        [
            "--url", fixture.Gateway.BaseAddress.ToString(), "--users", "10", "--duration", "8s", "--ramp", "1s",
            "--heartbeat", "1s", "--request-rate", "5", "--latency", "20ms", "--plain",
            "--server-pid", string.Join(',', fixture.NodeA.ProcessId, fixture.NodeB.ProcessId, fixture.Gateway.ProcessId),
        ]);

        // Act
        var result = await new LoadRun(options).RunAsync(CancellationToken.None);

        // Assert
        Assert.True(result.Passed, $"lost {result.Stats.Lost}, failed connects {result.Stats.ConnectFailures}, dropped {result.Stats.UnexpectedCloses}");
        Assert.Equal(10L, result.Stats.PeakConnected);
        Assert.True(result.Stats.Replied > 0, "no call was answered through the gateway");
        Assert.True(result.Server.Enabled && result.Server.PeakRssBytes > 0, "the probe read nothing from the nodes and the gateway");
        fixture.AssertNoUnhandledExceptions();
    }
}

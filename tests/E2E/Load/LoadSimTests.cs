extern alias loadsim;

using Dashboard.Hubs;
using E2E.Infrastructure;
using loadsim::LoadSim;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace E2E.Load;

/// <summary>The load simulator (tools/LoadSim) against the real server: its arguments, and a short real run.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LoadSimTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("--url", "http://example.com:5000", "loopback")]
    [InlineData("--url", "http://10.0.0.1:5000", "loopback")]
    [InlineData("--users", "10001", "--users must be within 1..10000")]
    [InlineData("--duration", "11m", "--duration must be within")]
    [InlineData("--timeout", "61s", "--timeout must be within 1ms..60s")]
    [InlineData("--failure-rate", "1.5", "--failure-rate must be within 0..1")]
    public void Parse_OutOfBounds_RefusesWithAClearMessage(string option, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadOptions.Parse([option, value]));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Everything_ReadsTimesRatesAndRanges()
    {
        var options = LoadOptions.Parse(
            ["--url", "http://localhost:5057", "--users", "1000", "--duration", "2m", "--ramp", "500ms", "--heartbeat", "5s", "--request-rate", "2.5", "--telemetry", "--server-pid", "12,34"]);

        Assert.Equal(new Uri("http://localhost:5057"), options.Url);
        Assert.Equal(1000, options.Users);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Ramp);
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)), (options.HeartbeatMin, options.HeartbeatMax));
        Assert.Equal(2.5, options.RequestRate);
        Assert.True(options.Telemetry);
        Assert.Equal([12, 34], options.ServerPids);
    }

    [Fact]
    public async Task Run_FiveUsersAgainstTheServer_EveryCallHasAnOutcomeAndTheActorsGoAway()
    {
        // Arrange
        var registry = fixture.Server.Services.GetRequiredService<HubSessionRegistry>();
        var before = registry.Count;
        var options = LoadOptions.Parse(
        [
            "--url", fixture.BaseAddress.ToString(), "--users", "5", "--duration", "10s", "--ramp", "1s",
            "--heartbeat", "1s", "--request-rate", "5", "--latency", "20ms", "--telemetry", "--plain",
        ]);

        // Act
        var result = await new LoadRun(options).RunAsync(CancellationToken.None);

        // Assert
        Assert.True(result.Passed, $"lost {result.Stats.Lost}, failed connects {result.Stats.ConnectFailures}, dropped {result.Stats.UnexpectedCloses}");
        Assert.Equal(5, result.Stats.PeakConnected);
        Assert.True(result.Stats.Replied >= 5, $"only {result.Stats.Replied} replies");
        Assert.Equal(result.Stats.Started, result.Stats.Ended);
        Assert.True(result.Stats.PeakServerActors >= 5);
        Assert.True(result.Stats.TelemetryFrames > 0);
        var (roundTrip, overhead) = result.Stats.Latency();
        Assert.True(roundTrip.P50 >= overhead.P50);
        // At most the sessions of before: a connection of the test before may still have been closing when it was counted.
        await Until.TrueAsync(() => registry.Count <= before, $"the simulated users' actors stopped (hub sessions back to at most {before})");
    }
}

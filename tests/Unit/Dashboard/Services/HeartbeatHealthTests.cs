using Dashboard.Services;

namespace Unit.Dashboard.Services;

/// <summary>The "late" and "stale" heartbeat states, on a fake clock: more than 1.5 × and 3 × <c>Heartbeat:IntervalMax</c> since the last heartbeat.</summary>
public sealed class HeartbeatHealthTests : IAsyncLifetime
{
    private readonly SessionHarness _harness = new(); // IntervalMax 7 s: late after 10.5 s, stale after 21 s

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public void Snapshot_NoHeartbeatYet_IsWaiting() =>
        Assert.Equal(HeartbeatHealth.Waiting, _harness.Session.Snapshot().Health);

    [Theory]
    [InlineData(0, HeartbeatHealth.Ok)]
    [InlineData(10_500, HeartbeatHealth.Ok)]
    [InlineData(10_501, HeartbeatHealth.Late)]
    [InlineData(21_000, HeartbeatHealth.Late)]
    [InlineData(21_001, HeartbeatHealth.Stale)]
    [InlineData(600_000, HeartbeatHealth.Stale)]
    public void Snapshot_TimeSinceTheLastHeartbeat_GivesItsHealth(int sinceMs, HeartbeatHealth expected)
    {
        _ = _harness.Session.HeartbeatAsync(); // stamps the heartbeat at once; its call's own fate does not matter here

        _harness.Time.Advance(TimeSpan.FromMilliseconds(sinceMs));
        var view = _harness.Session.Snapshot();

        Assert.Equal(expected, view.Health);
        Assert.Equal(TimeSpan.FromMilliseconds(sinceMs), view.HeartbeatAge);
    }

    [Fact]
    public void Snapshot_ANewHeartbeatAfterStale_IsOkAgain()
    {
        _ = _harness.Session.HeartbeatAsync();
        _harness.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HeartbeatHealth.Stale, _harness.Session.Snapshot().Health);

        _ = _harness.Session.HeartbeatAsync();

        Assert.Equal(HeartbeatHealth.Ok, _harness.Session.Snapshot().Health);
    }
}

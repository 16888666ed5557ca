using Dashboard.Services;
using Dashboard.VirtualUsers;
using Microsoft.Extensions.Hosting;
using TestSupport;

namespace Unit.Dashboard.VirtualUsers;

public sealed class VirtualUserServiceTests
{
    [Fact]
    public async Task StartAsync_UnderTheCap_StartsOneVirtualActorPerUser()
    {
        // Arrange
        await using var harness = new VirtualUserHarness(max: 10);
        var changes = 0;
        harness.Users.Changed += () => changes++;

        // Act
        var result = await harness.Users.StartAsync(4);

        // Assert
        Assert.Equal(new VirtualUserStart(4, 4, null), result);
        Assert.Equal(4, harness.Users.Running);
        Assert.Equal(4, harness.Directory.Count(OwnerKind.Virtual));
        Assert.All(harness.System.ListActors(), actor => Assert.Equal("virtual", actor.Owner));
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task StartAsync_PastTheCap_StartsUpToItAndSaysWhy()
    {
        // Arrange
        await using var harness = new VirtualUserHarness(max: 3);
        await harness.Users.StartAsync(2);

        // Act
        var result = await harness.Users.StartAsync(3);

        // Assert
        Assert.Equal(1, result.Started);
        Assert.Equal(3, result.Running);
        Assert.Contains("cap of 3", result.Reason, StringComparison.Ordinal);
        Assert.Equal(3, harness.System.ActorCount);
    }

    [Fact]
    public async Task StartAsync_NodeAtMaxActors_StopsThereAndSaysWhy()
    {
        // Arrange
        await using var harness = new VirtualUserHarness(max: 10, maxActors: 2);

        // Act
        var result = await harness.Users.StartAsync(5);

        // Assert
        Assert.Equal(2, result.Started);
        Assert.Contains("limit of 2 actors", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, harness.System.ActorCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task StartAsync_CountOutOfRange_Throws(int count)
    {
        // Arrange
        await using var harness = new VirtualUserHarness(max: 10);

        // Act / Assert
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Users.StartAsync(count));
        Assert.Equal(0, harness.System.ActorCount);
    }

    [Fact]
    public async Task Running_AfterTheLongestInterval_EveryUserHasSentAHeartbeat()
    {
        // Arrange
        await using var harness = new VirtualUserHarness(max: 10);
        await harness.Users.StartAsync(3);
        var sessions = harness.Directory.Sessions.ToList();

        // Act: the first heartbeat comes 4..7 s after the start (the default interval), like a tab's.
        harness.Time.Advance(TimeSpan.FromSeconds(7));

        // Assert
        await Until.TrueAsync(
            () => sessions.All(session => session.Tracker.Snapshot().Counters.Calls >= 1),
            "every virtual user made a heartbeat call");
        Assert.All(sessions, session => Assert.Equal(SessionState.Running, session.Snapshot().State));
    }

    [Fact]
    public async Task StopAsync_Some_StopsTheNewestAndTheirActors()
    {
        // Arrange
        await using var harness = new VirtualUserHarness(max: 10);
        await harness.Users.StartAsync(5);

        // Act
        var stopped = await harness.Users.StopAsync(2);

        // Assert
        Assert.Equal(2, stopped);
        Assert.Equal(3, harness.Users.Running);
        await Until.TrueAsync(() => harness.System.ActorCount == 3, "two actors stopped");
        Assert.Equal(3, harness.Directory.Count(OwnerKind.Virtual));
    }

    [Fact]
    public async Task HostedStop_AtShutdown_StopsEveryUserAndActor()
    {
        // Arrange
        await using var harness = new VirtualUserHarness(max: 10);
        await harness.Users.StartAsync(4);
        harness.Time.Advance(TimeSpan.FromSeconds(7)); // calls in flight while stopping

        // Act
        await ((IHostedService)harness.Users).StopAsync(CancellationToken.None);

        // Assert
        Assert.Equal(0, harness.Users.Running);
        await Until.TrueAsync(() => harness.System.ActorCount == 0, "every actor stopped");
        Assert.Equal(0, harness.Directory.Count(OwnerKind.Virtual));
    }
}

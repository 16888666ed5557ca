using Dashboard.Heartbeats;
using Dashboard.Services;

namespace Unit.Dashboard.Services;

public sealed class ActorSessionTests : IAsyncLifetime
{
    private readonly SessionHarness _harness = new();

    private ActorSession Session => _harness.Session;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Flood_BoundedMailbox_RejectsWhatDoesNotFit()
    {
        await using var harness = new SessionHarness(new HeartbeatActorOptions { MailboxCapacity = 100, FloodMessageCost = TimeSpan.FromMilliseconds(2) });

        var outcome = harness.Session.Flood(1_000);

        Assert.Equal(1_000, outcome.Accepted + outcome.Rejected);
        Assert.InRange(outcome.Accepted, 100, 200); // the actor drains a few while the flood is being sent
        Assert.Equal(outcome.Rejected, harness.Session.Tracker.Snapshot().Counters.Rejected);
    }

    [Fact]
    public void Configure_InvalidSettings_ThrowsAClearErrorAndKeepsTheOldOnes()
    {
        var before = Session.Worker.Settings;

        var error = Assert.Throws<ArgumentException>(() => Session.Configure(before with { FailureRate = 1.5 }));

        Assert.Contains("Failure rate must be between 0 and 1", error.Message);
        Assert.Equal(before, Session.Worker.Settings);
    }

    [Fact]
    public async Task SwitchMode_StopsTheOldActorAndStartsANewOne()
    {
        var before = Session.Pid!.Value;

        await Session.SwitchModeAsync(ActorMode.Naive);

        Assert.False(_harness.System.IsAlive(before));
        Assert.True(_harness.System.IsAlive(Session.Pid!.Value));
        Assert.Equal(ActorMode.Naive, Session.Mode);
        Assert.Equal(1, _harness.System.ActorCount);
        Assert.Same(Session, _harness.Directory.Find(Session.Pid!.Value));
        Assert.Null(_harness.Directory.Find(before));
    }

    [Fact]
    public async Task TryStart_AtMaxActors_ReportsCapacityWithoutThrowing()
    {
        await using var harness = new SessionHarness(maxActors: 1);
        await using var second = harness.NewSession();

        var started = second.TryStart(OwnerKind.Tab);

        Assert.False(started);
        Assert.Equal(SessionState.AtCapacity, second.State);
        Assert.Equal("server at capacity", (await second.RequestAsync(CallOrigin.Manual)).Text);
    }
}

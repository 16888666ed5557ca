using ActorRuntime;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime;

public sealed class SpawnAndStopTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = new ActorSystem(new ActorSystemOptions { MaxActors = 3 }, _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Spawn_FirstMessage_RunsAfterInit()
    {
        var server = new ProbeServer();
        var pid = _system.Spawn(server);

        _system.Cast(pid, new Probe.Note("first"));
        await _system.BarrierAsync(pid);

        Assert.Equal(["init", "first"], server.Log.ToArray());
        Assert.Equal(1, server.InitCount);
    }

    [Fact]
    public void Spawn_PastMaxActors_ThrowsActorLimitExceededWithClearMessage()
    {
        for (var i = 0; i < 3; i++)
        {
            _system.Spawn(new ProbeServer());
        }

        var error = Assert.Throws<ActorLimitExceededException>(() => _system.Spawn(new ProbeServer()));

        Assert.Equal(3, error.MaxActors);
        Assert.Contains("maximum of 3 actors", error.Message);
        Assert.Equal(3, _system.ActorCount);
    }

    [Fact]
    public async Task StopAsync_AtLimit_FreesTheSlot()
    {
        var pids = Enumerable.Range(0, 3).Select(_ => _system.Spawn(new ProbeServer())).ToList();

        await _system.StopAsync(pids[0]).Guarded();
        var replacement = _system.Spawn(new ProbeServer());

        Assert.Equal(3, _system.ActorCount);
        Assert.False(_system.IsAlive(pids[0]));
        Assert.NotEqual(pids[0], replacement);
    }

    [Fact]
    public async Task StopAsync_WithWaitingCallers_FailsThemAndRunsTerminate()
    {
        var server = new ProbeServer();
        var pid = _system.Spawn(server);
        var waiting = Enumerable.Range(0, 5)
            .Select(i => _system.CallAsync(pid, new Probe.Defer(i), TimeSpan.FromMinutes(1)))
            .ToList();
        await _system.BarrierAsync(pid);

        await _system.StopAsync(pid, "maintenance").Guarded();

        foreach (var call in waiting)
        {
            var error = await Assert.ThrowsAsync<ActorExitedException>(() => call.Guarded());
            Assert.Equal("maintenance", error.Reason);
            Assert.Equal(pid, error.Pid);
        }

        Assert.Equal("maintenance", await server.Terminated.Task.Guarded());
        Assert.Equal(0, _system.ActorCount);
        Assert.Null(_system.GetInfo(pid));
    }

    [Fact]
    public async Task CallAsync_AfterStop_ThrowsActorExitedNoproc()
    {
        var pid = _system.Spawn(new ProbeServer());
        await _system.StopAsync(pid).Guarded();

        var error = await Assert.ThrowsAsync<ActorExitedException>(
            () => _system.CallAsync(pid, new Probe.Echo(1), TimeSpan.FromSeconds(1)));

        Assert.Equal("noproc", error.Reason);
        Assert.Contains(pid.ToString(), error.Message);
    }

    [Fact]
    public void StopAsync_UnknownPid_CompletesAtOnce()
    {
        var live = _system.Spawn(new ProbeServer());

        var stop = _system.StopAsync(new Pid(999_999));

        Assert.True(stop.IsCompletedSuccessfully, "StopAsync of a pid that is not alive must return a completed task, not wait");
        Assert.True(_system.IsAlive(live));
        Assert.Equal(1, _system.ActorCount);
    }

    [Fact]
    public async Task HandleCall_ReturningStop_FailsTheCallerAndStopsTheActor()
    {
        var server = new ProbeServer();
        var pid = _system.Spawn(server);

        var error = await Assert.ThrowsAsync<ActorExitedException>(
            () => _system.CallAsync(pid, new Probe.StopMe("done"), TimeSpan.FromSeconds(5)).Guarded());

        Assert.Equal("done", error.Reason);
        Assert.Equal("done", await server.Terminated.Task.Guarded());
        Assert.False(_system.IsAlive(pid));
    }

    [Fact]
    public void Spawn_SameServerTwice_Throws()
    {
        var server = new ProbeServer();
        _system.Spawn(server);

        var error = Assert.Throws<InvalidOperationException>(() => _system.Spawn(server));

        Assert.Contains("already spawned", error.Message);
        Assert.Equal(1, _system.ActorCount);
    }

    [Fact]
    public async Task DisposeAsync_StopsEveryActor()
    {
        var servers = Enumerable.Range(0, 3).Select(_ => new ProbeServer()).ToList();
        servers.ForEach(server => _system.Spawn(server));

        await _system.DisposeAsync();

        Assert.All(servers, server => Assert.Equal("shutdown", server.Terminated.Task.Result));
        Assert.Equal(0, _system.ActorCount);
    }

    [Fact]
    public async Task Spawn_RacingDisposeAsync_EveryActorItReturnsIsStoppedToo()
    {
        for (var round = 0; round < 300; round++)
        {
            var system = new ActorSystem();
            var spawned = new List<ProbeServer>();
            using var start = new Barrier(2);
            var spawner = Task.Run(() =>
            {
                start.SignalAndWait();
                while (true)
                {
                    var server = new ProbeServer();
                    try
                    {
                        system.Spawn(server);
                    }
                    catch (ObjectDisposedException)
                    {
                        return; // refused: the system was already disposed
                    }

                    spawned.Add(server);
                }
            });

            start.SignalAndWait();
            await system.DisposeAsync();
            await spawner.Guarded();

            // One that registered after DisposeAsync took its list of actors would otherwise run on, never stopped.
            foreach (var server in spawned)
            {
                Assert.Equal("shutdown", await server.Terminated.Task.Guarded());
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_InvalidMaxActors_Throws(int maxActors)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActorSystem(new ActorSystemOptions { MaxActors = maxActors }));
    }

    [Fact]
    public void Options_Default_MaxActorsIsOtpDefault()
    {
        Assert.Equal(1_048_576, new ActorSystemOptions().MaxActors);
    }

    [Fact]
    public void Pid_FromSpawn_IsEqualToThePidOfItsNumber_AsAKeyToo()
    {
        var spawned = _system.Spawn(new ProbeServer());
        var parsed = Pid.Parse(spawned.ToString());

        Assert.Equal(spawned, parsed);
        Assert.True(spawned == parsed);
        Assert.Equal(spawned.GetHashCode(), parsed.GetHashCode());
        Assert.Equal("tab", new Dictionary<Pid, string> { [spawned] = "tab" }[parsed]);
    }

    [Fact]
    public async Task Pid_ParsedFromANumber_ReachesTheSameActorAsTheSpawnedOne()
    {
        var server = new ProbeServer();
        var parsed = Pid.Parse(_system.Spawn(server).ToString());

        _system.Cast(parsed, new Probe.Note("by number"));
        await _system.BarrierAsync(parsed);

        Assert.Equal(["init", "by number"], server.Log.ToArray());
    }

    [Fact]
    public async Task Pid_OfAnotherSystem_IsLookedUpByNumber_AndNeverReachesItsOwnSystemsActor()
    {
        await using var other = new ActorSystem(time: _time);
        var here = new ProbeServer();
        var there = new ProbeServer();
        var herePid = _system.Spawn(here);
        var therePid = other.Spawn(there);
        Assert.Equal(herePid, therePid); // both systems number from 1

        other.Cast(herePid, new Probe.Note("sent on the other system"));
        await other.BarrierAsync(therePid);
        await _system.BarrierAsync(herePid);

        Assert.Equal(["init", "sent on the other system"], there.Log.ToArray());
        Assert.Equal(["init"], here.Log.ToArray());
    }

    [Fact]
    public async Task Pid_WithAnotherNumber_ReachesTheActorOfThatNumber()
    {
        var first = new ProbeServer();
        var second = new ProbeServer();
        var firstPid = _system.Spawn(first);
        var secondPid = _system.Spawn(second);

        _system.Cast(firstPid with { Id = secondPid.Id }, new Probe.Note("to the second"));
        await _system.BarrierAsync(secondPid);
        await _system.BarrierAsync(firstPid);

        Assert.Equal(["init", "to the second"], second.Log.ToArray());
        Assert.Equal(["init"], first.Log.ToArray());
    }

    [Fact]
    public async Task Pid_KeptAfterItsActorExited_RefusesCastsAndFailsCalls()
    {
        var pid = _system.Spawn(new ProbeServer());
        await _system.StopAsync(pid).Guarded();

        Assert.False(_system.TryCast(pid, new Probe.Note("too late")));
        _system.Cast(pid, new Probe.Note("too late")); // dropped silently, as Erlang drops a send to a dead pid
        var error = await Assert.ThrowsAsync<ActorExitedException>(
            () => _system.CallAsync(pid, new Probe.Echo(1), TimeSpan.FromSeconds(1)));
        Assert.Equal("noproc", error.Reason);
    }

    [Theory]
    [InlineData("<0.42.0>", 42)]
    [InlineData("0.42.0", 42)]
    [InlineData("42", 42)]
    public void Pid_Parse_AcceptsErlangAndBareForms(string text, long id)
    {
        Assert.Equal(new Pid(id), Pid.Parse(text));
        Assert.Equal($"<0.{id}.0>", new Pid(id).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-3")]
    [InlineData("0")]
    public void Pid_TryParse_RejectsGarbage(string text)
    {
        Assert.False(Pid.TryParse(text, null, out _));
    }
}

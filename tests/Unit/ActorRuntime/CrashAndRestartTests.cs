using ActorRuntime;
using ActorRuntime.Supervision;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime;

public sealed class CrashAndRestartTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = new ActorSystem(time: _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Crash_With50WaitingCallers_AllFailAtOnceWithTheReason()
    {
        var server = new ProbeServer();
        var pid = _system.Spawn(server);
        var waiting = Enumerable.Range(0, 50)
            .Select(i => _system.CallAsync(pid, new Probe.Defer(i), TimeSpan.FromMinutes(5)))
            .ToList();
        await _system.BarrierAsync(pid);

        _system.Cast(pid, new Probe.Crash("disk on fire"));

        // No time passes: the callers fail because the actor died, not because they timed out.
        foreach (var call in waiting)
        {
            var error = await Assert.ThrowsAsync<ActorExitedException>(() => call.Guarded());
            Assert.Contains("disk on fire", error.Reason);
            Assert.IsType<InvalidOperationException>(error.InnerException);
        }

        Assert.False(_system.IsAlive(pid));
        Assert.Contains("disk on fire", await server.Terminated.Task.Guarded());
    }

    [Fact]
    public async Task Crash_WhileHandlingACall_FailsThatCaller()
    {
        var pid = _system.Spawn(new ProbeServer());

        var error = await Assert.ThrowsAsync<ActorExitedException>(
            () => _system.CallAsync(pid, new Probe.Crash("bad request"), TimeSpan.FromSeconds(5)).Guarded());

        Assert.Contains("bad request", error.Reason);
    }

    [Fact]
    public async Task Crash_WithRestartPolicy_KeepsThePidRerunsInitAndCountsTheRestart()
    {
        var server = new ProbeServer();
        var pid = _system.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash() });
        var waiting = _system.CallAsync(pid, new Probe.Defer("k"), TimeSpan.FromMinutes(1));
        await _system.BarrierAsync(pid);

        _system.Cast(pid, new Probe.Crash());
        await Assert.ThrowsAsync<ActorExitedException>(() => waiting.Guarded());
        var reply = await _system.CallAsync(pid, new Probe.Echo("alive"), TimeSpan.FromSeconds(5)).Guarded();

        Assert.Equal("alive", reply);
        Assert.Equal(2, server.InitCount);
        var info = _system.GetInfo(pid)!;
        Assert.Equal(1, info.Crashes);
        Assert.Equal(1, info.Restarts);
        Assert.Equal(0, info.DeferredCalls);
        Assert.Contains("boom", info.LastCrashReason);
        Assert.Equal(1, _system.ActorCount);
    }

    [Fact]
    public async Task Crash_BeyondRestartIntensity_ExitsForGood()
    {
        var server = new ProbeServer();
        var pid = _system.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash(maxRestarts: 2, window: TimeSpan.FromSeconds(10)) });
        using var probe = new EventProbe(_system, pid);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ActorExitedException>(
                () => _system.CallAsync(pid, new Probe.Crash(), TimeSpan.FromSeconds(5)).Guarded());
        }

        var stopped = await probe.WaitForAsync(e => e.Kind == global::ActorRuntime.Diagnostics.ActorEventKind.Stopped);

        Assert.Contains("restart limit of 2", stopped.Reason);
        Assert.Contains("restart limit of 2", server.Log.Last(line => line.StartsWith("terminate")));
        Assert.False(_system.IsAlive(pid));
    }

    [Fact]
    public async Task Crash_RestartsSpreadBeyondTheWindow_AreAllowed()
    {
        var server = new ProbeServer();
        var pid = _system.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash(maxRestarts: 1, window: TimeSpan.FromSeconds(5)) });

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ActorExitedException>(
                () => _system.CallAsync(pid, new Probe.Crash(), TimeSpan.FromSeconds(5)).Guarded());
            _time.Advance(TimeSpan.FromSeconds(6));
        }

        await _system.BarrierAsync(pid);
        Assert.Equal(3, _system.GetInfo(pid)!.Restarts);
    }

    [Fact]
    public async Task Init_Throwing_WithoutRestart_ExitsAndFailsQueuedCallers()
    {
        var server = new ProbeServer { FailInit = _ => true };
        var pid = _system.Spawn(server);

        var error = await Assert.ThrowsAsync<ActorExitedException>(
            () => _system.CallAsync(pid, new Probe.Echo(1), TimeSpan.FromSeconds(5)).Guarded());

        Assert.Contains("init 1 failed", error.Reason);
        Assert.False(_system.IsAlive(pid));
    }

    [Fact]
    public async Task Init_ThrowingOnce_WithRestart_Recovers()
    {
        var server = new ProbeServer { FailInit = count => count == 1 };
        var pid = _system.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash() });

        // The first call may be failed with the crashed incarnation's mailbox; the next one is served.
        try
        {
            await _system.CallAsync(pid, new Probe.Echo(1), TimeSpan.FromSeconds(5)).Guarded();
        }
        catch (ActorExitedException)
        {
        }

        Assert.Equal(2, await _system.CallAsync<int>(pid, new Probe.Echo(2), TimeSpan.FromSeconds(5)).Guarded());
        Assert.Equal(1, _system.GetInfo(pid)!.Restarts);
    }

    [Fact]
    public async Task Crash_LateReplyToAFailedCaller_IsCounted()
    {
        var server = new ProbeServer();
        var pid = _system.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash() });
        var waiting = _system.CallAsync(pid, new Probe.Defer("k"), TimeSpan.FromMinutes(1));
        await _system.BarrierAsync(pid);
        server.Deferred.TryDequeue(out var kept);

        _system.Cast(pid, new Probe.Crash());
        await Assert.ThrowsAsync<ActorExitedException>(() => waiting.Guarded());

        Assert.False(_system.Reply(kept.From, "after the crash"));
        Assert.Equal(1, _system.GetInfo(pid)!.LateReplies);
    }
}

using ActorRuntime;

namespace Unit.ActorRuntime.Supervision;

public sealed class CrashAndRestartTests : ActorSystemTest
{
    [Fact]
    public async Task Crash_With50WaitingCallers_AllFailAtOnceWithTheReason()
    {
        var server = new ProbeServer();
        var pid = System.Spawn(server);
        var waiting = Enumerable.Range(0, 50)
            .Select(i => System.CallAsync(pid, new Probe.Defer(i), TimeSpan.FromMinutes(5)))
            .ToList();
        await System.BarrierAsync(pid);

        System.Cast(pid, new Probe.Crash("disk on fire"));

        // No time passes: the callers fail because the actor died, not because they timed out.
        foreach (var call in waiting)
        {
            var error = await Assert.ThrowsAsync<ActorExitedException>(() => call.Guarded());
            Assert.Contains("disk on fire", error.Reason);
            Assert.IsType<InvalidOperationException>(error.InnerException);
        }

        Assert.False(System.IsAlive(pid));
        Assert.Contains("disk on fire", await server.Terminated.Task.Guarded());
    }

    [Fact]
    public async Task Crash_WhileHandlingACall_FailsThatCaller()
    {
        var pid = System.Spawn(new ProbeServer());

        var error = await Assert.ThrowsAsync<ActorExitedException>(
            () => System.CallAsync(pid, new Probe.Crash("bad request"), TimeSpan.FromSeconds(5)).Guarded());

        Assert.Contains("bad request", error.Reason);
    }

    [Fact]
    public async Task Crash_WithRestartPolicy_KeepsThePidRerunsInitAndCountsTheRestart()
    {
        var server = new ProbeServer();
        var pid = System.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash() });
        var waiting = System.CallAsync(pid, new Probe.Defer("k"), TimeSpan.FromMinutes(1));
        await System.BarrierAsync(pid);

        System.Cast(pid, new Probe.Crash());
        await Assert.ThrowsAsync<ActorExitedException>(() => waiting.Guarded());
        var reply = await System.CallAsync(pid, new Probe.Echo("alive"), TimeSpan.FromSeconds(5)).Guarded();

        Assert.Equal("alive", reply);
        Assert.Equal(2, server.InitCount);
        var info = System.GetInfo(pid)!;
        Assert.Equal(1, info.Crashes);
        Assert.Equal(1, info.Restarts);
        Assert.Equal(0, info.DeferredCalls);
        Assert.Contains("boom", info.LastCrashReason);
        Assert.Equal(2, System.ActorCount); // this actor, still alive, and the base class's probe
    }

    [Fact]
    public async Task Crash_BeyondRestartIntensity_ExitsForGood()
    {
        var server = new ProbeServer();
        var pid = System.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash(maxRestarts: 2, window: TimeSpan.FromSeconds(10)) });
        using var probe = new EventProbe(System, pid);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ActorExitedException>(
                () => System.CallAsync(pid, new Probe.Crash(), TimeSpan.FromSeconds(5)).Guarded());
        }

        var stopped = await probe.WaitForAsync(e => e.Kind == ActorEventKind.Stopped);

        Assert.Contains("restart limit of 2", stopped.Reason);
        Assert.Contains("restart limit of 2", server.Log.Last(line => line.StartsWith("terminate")));
        Assert.False(System.IsAlive(pid));
    }

    [Fact]
    public async Task Crash_RestartsSpreadBeyondTheWindow_AreAllowed()
    {
        var server = new ProbeServer();
        var pid = System.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash(maxRestarts: 1, window: TimeSpan.FromSeconds(5)) });

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ActorExitedException>(
                () => System.CallAsync(pid, new Probe.Crash(), TimeSpan.FromSeconds(5)).Guarded());
            Time.Advance(TimeSpan.FromSeconds(6));
        }

        await System.BarrierAsync(pid);
        Assert.Equal(3, System.GetInfo(pid)!.Restarts);
    }

    [Fact]
    public async Task Init_Throwing_WithoutRestart_ExitsAndFailsQueuedCallers()
    {
        // Init waits until the call is queued, so the caller sees init's failure rather than a dead pid.
        var initGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new ProbeServer { FailInit = _ => true, InitGate = initGate.Task };
        var pid = System.Spawn(server);

        var call = System.CallAsync(pid, new Probe.Echo(1), TimeSpan.FromSeconds(5));
        initGate.SetResult();
        var error = await Assert.ThrowsAsync<ActorExitedException>(() => call.Guarded());

        Assert.Contains("init 1 failed", error.Reason);
        Assert.False(System.IsAlive(pid));
    }

    [Fact]
    public async Task Init_ThrowingOnce_WithRestart_Recovers()
    {
        var server = new ProbeServer { FailInit = count => count == 1 };
        var pid = System.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash() });

        // The first call may be failed with the crashed incarnation's mailbox; the next one is served.
        try
        {
            await System.CallAsync(pid, new Probe.Echo(1), TimeSpan.FromSeconds(5)).Guarded();
        }
        catch (ActorExitedException)
        {
        }

        Assert.Equal(2, await System.CallAsync<int>(pid, new Probe.Echo(2), TimeSpan.FromSeconds(5)).Guarded());
        Assert.Equal(1, System.GetInfo(pid)!.Restarts);
    }

    [Fact]
    public async Task Crash_LateReplyToAFailedCaller_IsCounted()
    {
        var server = new ProbeServer();
        var pid = System.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash() });
        var waiting = System.CallAsync(pid, new Probe.Defer("k"), TimeSpan.FromMinutes(1));
        await System.BarrierAsync(pid);
        server.Deferred.TryDequeue(out var kept);

        System.Cast(pid, new Probe.Crash());
        await Assert.ThrowsAsync<ActorExitedException>(() => waiting.Guarded());

        Assert.False(System.Reply(kept.From, "after the crash"));
        Assert.Equal(1, System.GetInfo(pid)!.LateReplies);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Crash_WithRestart_AMessageArrivingDuringTheRestartSeesTheFreshState(bool crashInACall)
    {
        var server = new CountingServer();
        var pid = System.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash() });
        System.Cast(pid, "add");
        System.Cast(pid, "add");

        // The crash drains the mailbox; TerminateAsync then sends "add", which the loop finds right away.
        if (crashInACall)
        {
            await Assert.ThrowsAsync<ActorExitedException>(() => System.CallAsync(pid, "crash", TimeSpan.FromSeconds(5)).Guarded());
        }
        else
        {
            System.Cast(pid, "crash");
        }

        await server.SentDuringTerminate.Task.Guarded();
        var count = await System.CallAsync<int>(pid, "count", TimeSpan.FromSeconds(5)).Guarded();

        Assert.Equal(1, count); // InitAsync ran before that "add", not after it
        Assert.Equal(2, server.InitCount);
    }

    /// <summary>Counts "add" casts in its state; "crash" throws (as a cast or a call), "count" replies with the state.</summary>
    private sealed class CountingServer : GenServer<int>
    {
        public TaskCompletionSource SentDuringTerminate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int InitCount { get; private set; }

        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken)
        {
            InitCount++;
            return ValueTask.FromResult(0);
        }

        protected override ValueTask<int> HandleCastAsync(object message, int count) =>
            message is "crash" ? throw new InvalidOperationException("crash on purpose") : ValueTask.FromResult(count + 1);

        protected override ValueTask<CallResult<int>> HandleCallAsync(object request, From from, int count) =>
            request is "crash" ? throw new InvalidOperationException("crash on purpose") : ValueTask.FromResult(Reply(count, count));

        protected override ValueTask TerminateAsync(string reason, int count)
        {
            System.Cast(Self, "add");
            SentDuringTerminate.SetResult();
            return ValueTask.CompletedTask;
        }
    }
}

using System.Globalization;
using ActorRuntime;

namespace Unit.ActorRuntime;

/// <summary>The operator's actions of <c>ActorSystem.Operator.cs</c>: each one ends calls with exactly one clear outcome.</summary>
public sealed class OperatorTests : ActorSystemTest
{
    [Fact]
    public async Task KillAsync_WithRestartPolicy_CrashesRestartsAndFailsTheWaitingCallerWithTheReason()
    {
        var server = new ProbeServer();
        var pid = System.Spawn(server, new SpawnOptions { Restart = RestartPolicy.OnCrash() });
        var waiting = System.CallAsync(pid, new Probe.Defer("k"), TimeSpan.FromMinutes(1));
        await System.BarrierAsync(pid);

        var restarted = await System.KillAsync(pid, "maintenance").Guarded();

        Assert.True(restarted);
        var error = await Assert.ThrowsAsync<ActorExitedException>(() => waiting.Guarded());
        Assert.Contains("killed by operator: maintenance", error.Reason);
        Assert.Equal("alive", await System.CallAsync(pid, new Probe.Echo("alive"), TimeSpan.FromSeconds(5)).Guarded());
        var info = System.GetInfo(pid)!;
        Assert.Equal(1, info.Crashes);
        Assert.Equal(1, info.Restarts);
        Assert.Equal(2, server.InitCount);
    }

    [Fact]
    public async Task KillAsync_WithoutRestartPolicy_TheActorExits()
    {
        var restarted = await System.KillAsync(Pid, "gone").Guarded();

        Assert.False(restarted);
        Assert.False(System.IsAlive(Pid));
        Assert.Contains("killed by operator: gone", await Server.Terminated.Task.Guarded());
    }

    [Fact]
    public async Task KillAsync_UnknownPid_ThrowsActorExited()
    {
        await Assert.ThrowsAsync<ActorExitedException>(() => System.KillAsync(new Pid(999_999), "x").Guarded());
    }

    [Fact]
    public async Task RestartAsync_WithoutRestartPolicy_ReinitsUnderTheSamePidAndFailsQueuedCallers()
    {
        var gate = await System.BlockAsync(Pid);
        var queued = System.CallAsync(Pid, new Probe.Echo("queued"), TimeSpan.FromMinutes(1));
        var restart = System.RestartAsync(Pid);

        gate.SetResult();
        Assert.True(await restart.Guarded());

        var error = await Assert.ThrowsAsync<ActorExitedException>(() => queued.Guarded());
        Assert.Equal("restarted by operator", error.Reason);
        Assert.Equal(2, Server.InitCount);
        Assert.Contains("terminate restarted by operator", Server.Log);
        var info = System.GetInfo(Pid)!;
        Assert.Equal(1, info.Restarts);
        Assert.Equal(0, info.Crashes);
        Assert.Equal("alive", await System.CallAsync(Pid, new Probe.Echo("alive"), TimeSpan.FromSeconds(5)).Guarded());
    }

    [Fact]
    public async Task FlushMailboxAsync_DropsQueuedMessages_FailsQueuedCallersAtOnceAndCountsThem()
    {
        var gate = await System.BlockAsync(Pid);
        System.Cast(Pid, new Probe.Note("dropped"));
        var queued = System.CallAsync(Pid, new Probe.Echo("dropped call"), TimeSpan.FromMinutes(1));
        var flush = System.FlushMailboxAsync(Pid);

        gate.SetResult();
        Assert.Equal(2, await flush.Guarded());

        var error = await Assert.ThrowsAsync<CallCancelledException>(() => queued.Guarded());
        Assert.Contains("cancelled by operator (mailbox flushed by operator)", error.Message);
        await System.BarrierAsync(Pid);
        Assert.DoesNotContain("dropped", Server.Log);
        var info = System.GetInfo(Pid)!;
        Assert.Equal(2, info.MessagesFlushed);
        Assert.Equal(1, info.CallsCancelledByOperator);
        Assert.Equal(0, info.QueueDepth);
    }

    [Fact]
    public async Task CancelCall_Deferred_EndsItAtOnceAndTheLaterReplyIsLate()
    {
        var deferred = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromMinutes(1));
        await System.BarrierAsync(Pid);
        var requestId = Assert.Single(System.GetPendingCalls(Pid)).RequestId;

        Assert.True(System.CancelCall(Pid, requestId, "stuck"));

        var error = await Assert.ThrowsAsync<CallCancelledException>(() => deferred.Guarded());
        Assert.Equal("stuck", error.Reason);
        Assert.Contains("cancelled by operator", error.Message);
        Assert.False(System.CancelCall(Pid, requestId, "again")); // one outcome only
        System.Send(Pid, new Probe.Answer("k", "late"));
        await System.BarrierAsync(Pid);
        var info = System.GetInfo(Pid)!;
        Assert.Equal(1, info.LateReplies);
        Assert.Equal(1, info.CallsCancelledByOperator);
        Assert.Equal(0, info.DeferredCalls);
    }

    [Fact]
    public async Task CancelCall_Queued_EndsItAtOnceAndTheActorSkipsIt()
    {
        var gate = await System.BlockAsync(Pid);
        var queued = System.CallAsync(Pid, new Probe.Echo("queued"), TimeSpan.FromMinutes(1));
        var requestId = Assert.Single(System.GetPendingCalls(Pid)).RequestId;

        Assert.True(System.CancelCall(Pid, requestId, "operator"));

        await Assert.ThrowsAsync<CallCancelledException>(() => queued.Guarded());
        gate.SetResult();
        await System.BarrierAsync(Pid);
        Assert.Equal(1, System.GetInfo(Pid)!.Expired);
    }

    [Fact]
    public void CancelCall_UnknownRequest_ReturnsFalse()
    {
        Assert.False(System.CancelCall(Pid, 12345, "none"));
        Assert.False(System.CancelCall(new Pid(999_999), 1, "none"));
    }

    [Fact]
    public async Task GetPendingCalls_ListsQueuedHandlingAndDeferredOldestFirstWithDeadlines()
    {
        var deferred = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(30));
        await System.BarrierAsync(Pid);
        Time.Advance(TimeSpan.FromSeconds(1));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handling = System.CallAsync(Pid, new Probe.Block(gate, entered), TimeSpan.FromSeconds(30));
        await entered.Task.Guarded();
        Time.Advance(TimeSpan.FromSeconds(1));
        var queued = System.CallAsync(Pid, new Probe.Echo("queued"), TimeSpan.FromSeconds(30));

        var pending = System.GetPendingCalls(Pid);

        Assert.Equal([CallPhase.Deferred, CallPhase.Handling, CallPhase.Queued], pending.Select(call => call.Phase));
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.Zero], pending.Select(call => call.Elapsed));
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromSeconds(28), pending[0].Deadline);
        Assert.Equal("Echo { Value = queued }", pending[2].RequestText);
        gate.SetResult();
        await queued.Guarded();
        System.Send(Pid, new Probe.Answer("k", "done"));
        await deferred.Guarded();
        await handling.Guarded();
        Assert.Empty(System.GetPendingCalls(Pid));
    }

    [Fact]
    public async Task DescribeStateAsync_ServerThatOptsIn_ReturnsItsViewReadBetweenMessages()
    {
        var pid = System.Spawn(new DescribedCounter());
        System.Cast(pid, "add");
        System.Cast(pid, "add");
        await System.CallAsync(pid, "count", TimeSpan.FromSeconds(5)).Guarded(); // the request goes ahead of queued messages: let them be handled first

        var view = await System.DescribeStateAsync(pid, TimeSpan.FromSeconds(5)).Guarded();

        Assert.Equal([new KeyValuePair<string, string>("count", "2")], view);
    }

    [Fact]
    public async Task DescribeStateAsync_ServerThatDoesNotOptIn_ReturnsNull()
    {
        Assert.Null(await System.DescribeStateAsync(Pid, TimeSpan.FromSeconds(5)).Guarded());
    }

    [Fact]
    public async Task DescribeStateAsync_ActorStuckInACallback_TimesOutByTheSystemClock()
    {
        var gate = await System.BlockAsync(Pid);
        var describe = System.DescribeStateAsync(Pid, TimeSpan.FromSeconds(2));

        Time.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => describe.Guarded());
        Assert.Contains("a callback may be stuck", error.Message);
        gate.SetResult();
    }

    [Fact]
    public async Task OperatorRequest_ToAnActorThatStops_FailsWithActorExited()
    {
        var gate = await System.BlockAsync(Pid);
        var stop = System.StopAsync(Pid, "bye");
        var flush = System.FlushMailboxAsync(Pid);

        gate.SetResult();
        await stop.Guarded();

        var error = await Assert.ThrowsAsync<ActorExitedException>(() => flush.Guarded());
        Assert.Equal("bye", error.Reason);
    }

    private sealed class DescribedCounter : GenServer<int>, IDescribeState<int>
    {
        public IReadOnlyList<KeyValuePair<string, string>> DescribeState(int state) =>
            [new("count", state.ToString(CultureInfo.InvariantCulture))];

        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<int> HandleCastAsync(object message, int state) => ValueTask.FromResult(state + 1);

        protected override ValueTask<CallResult<int>> HandleCallAsync(object request, From from, int state) =>
            ValueTask.FromResult(Reply(state, state));
    }
}

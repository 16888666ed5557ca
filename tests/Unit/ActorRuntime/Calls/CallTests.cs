using ActorRuntime;
using ActorRuntime.Calls;

namespace Unit.ActorRuntime.Calls;

public sealed class CallTests : ActorSystemTest
{
    [Fact]
    public async Task CallAsync_ImmediateReply_ReturnsTheValue()
    {
        var reply = await System.CallAsync<int>(Pid, new Probe.Echo(42), TimeSpan.FromSeconds(5)).Guarded();

        Assert.Equal(42, reply);
        var info = System.GetInfo(Pid)!;
        Assert.Equal(1, info.Calls);
        Assert.Equal(1, info.Replies);
    }

    [Fact]
    public async Task CallAsync_DeferredThenReplied_ResumesTheCaller()
    {
        var call = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await System.BarrierAsync(Pid);
        Assert.False(call.IsCompleted);
        Assert.Equal(1, System.GetInfo(Pid)!.DeferredCalls);

        System.Send(Pid, new Probe.Answer("k", "result"));

        Assert.Equal("result", await call.Guarded());
        await System.BarrierAsync(Pid);
        Assert.Equal(0, System.GetInfo(Pid)!.DeferredCalls);
        Assert.Contains("replied k", Server.Log);
    }

    [Fact]
    public async Task Reply_FromAnotherThread_ResumesTheCaller()
    {
        var call = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await System.BarrierAsync(Pid);
        Assert.True(Server.Deferred.TryDequeue(out var kept));
        var from = kept.From;

        var delivered = await Task.Run(() => System.Reply(from, "from elsewhere"));

        Assert.True(delivered);
        Assert.Equal("from elsewhere", await call.Guarded());
    }

    [Fact]
    public async Task CallAsync_ThousandDeferredCallersRepliedInRandomOrder_EachGetsItsOwnAnswer()
    {
        var calls = Enumerable.Range(0, 1000)
            .Select(i => (Id: i, Task: System.CallAsync(Pid, new Probe.Defer(i), TimeSpan.FromMinutes(1))))
            .ToList();
        await System.BarrierAsync(Pid);
        Assert.Equal(1000, System.GetInfo(Pid)!.DeferredCalls);
        var shuffled = Server.Deferred.OrderBy(_ => Random.Shared.Next()).ToArray();

        Parallel.ForEach(shuffled, kept => Assert.True(System.Reply(kept.From, kept.Key)));

        foreach (var (id, task) in calls)
        {
            Assert.Equal(id, await task.Guarded());
        }

        Assert.Equal(0, System.GetInfo(Pid)!.DeferredCalls);
        Assert.Equal(1000 + 1, System.GetInfo(Pid)!.Replies); // + the barrier
    }

    [Fact]
    public async Task CallAsync_TimeoutWhileDeferred_ThrowsThenLateReplyIsDroppedAndCounted()
    {
        var call = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await System.BarrierAsync(Pid);

        Time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());
        System.Send(Pid, new Probe.Answer("k", "too late"));
        await System.BarrierAsync(Pid);

        Assert.False(error.WhileQueued);
        Assert.Equal(CallTimeoutKind.WhileDeferred, error.Kind);
        Assert.Contains("while deferred", error.Message);
        var info = System.GetInfo(Pid)!;
        Assert.Equal(1, info.Timeouts);
        Assert.Equal(1, info.TimeoutsWhileDeferred);
        Assert.Equal(1, info.LateReplies);
        Assert.Equal(0, info.DeferredCalls);
        Assert.Contains("late k", Server.Log);
    }

    [Fact]
    public async Task CallAsync_TimeoutWhileQueued_IsClassifiedAndTheCallIsSkippedAsExpired()
    {
        var gate = await System.BlockAsync(Pid);
        var call = System.CallAsync(Pid, new Probe.Echo("never handled"), TimeSpan.FromSeconds(1));

        Time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());
        gate.SetResult();
        await System.BarrierAsync(Pid);

        Assert.True(error.WhileQueued);
        Assert.Equal(CallTimeoutKind.WhileQueued, error.Kind);
        Assert.Contains("while still queued", error.Message);
        var info = System.GetInfo(Pid)!;
        Assert.Equal(1, info.TimeoutsWhileQueued);
        Assert.Equal(1, info.Expired);
        Assert.Equal(0, info.LateReplies);
    }

    [Fact]
    public async Task CallAsync_TimeoutWhileHandling_IsClassifiedAsHandlingAndItsReplyCountsAsLate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = System.CallAsync(Pid, new Probe.Block(gate, entered), TimeSpan.FromSeconds(2));
        await entered.Task.Guarded();

        Time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());
        gate.SetResult(); // HandleCallAsync returns Reply, to nobody
        await System.BarrierAsync(Pid);

        Assert.Equal(CallTimeoutKind.WhileHandling, error.Kind);
        Assert.False(error.WhileQueued);
        Assert.Contains("still handling it: HandleCallAsync had not returned", error.Message);
        var info = System.GetInfo(Pid)!;
        Assert.Equal(1, info.Timeouts);
        Assert.Equal(1, info.TimeoutsWhileHandling);
        Assert.Equal(0, info.TimeoutsWhileDeferred);
        Assert.Equal(0, info.TimeoutsWhileQueued);
        Assert.Equal(1, info.LateReplies);
    }

    [Fact]
    public async Task Reply_Twice_SecondIsDroppedAsLate()
    {
        var call = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await System.BarrierAsync(Pid);
        Server.Deferred.TryDequeue(out var kept);
        var from = kept.From;

        var first = System.Reply(from, 1);
        var second = System.Reply(from, 2);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(1, await call.Guarded());
        Assert.Equal(1, System.GetInfo(Pid)!.LateReplies);
    }

    [Fact]
    public async Task CallAsync_CallerCancels_ThrowsOperationCanceledAndFromTokenFires()
    {
        using var cancellation = new CancellationTokenSource();
        var call = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5), cancellation.Token);
        await System.BarrierAsync(Pid);
        Server.Deferred.TryDequeue(out var kept);
        var from = kept.From;
        var giveUp = from.CancellationToken;
        Assert.False(giveUp.IsCancellationRequested);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Guarded());
        Assert.True(giveUp.IsCancellationRequested);
        Assert.False(from.IsWaiting);
        Assert.False(System.Reply(from, "late"));
    }

    [Fact]
    public async Task From_TokenAfterTimeout_IsAlreadyCanceled()
    {
        var call = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(2));
        await System.BarrierAsync(Pid);
        Server.Deferred.TryDequeue(out var kept);
        var from = kept.From;

        Time.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());

        Assert.True(from.CancellationToken.IsCancellationRequested);
    }

    [Fact]
    public async Task CallAsync_RequestWhoseTextThrows_StillTimesOutWithAClearMessage()
    {
        // The timeout's message shows the request; building it runs on the timer's thread, where a throwing
        // ToString would leave the caller waiting forever (and, on a real timer, end the process).
        var gate = await System.BlockAsync(Pid);
        var call = System.CallAsync(Pid, new UnprintableRequest(), TimeSpan.FromSeconds(1));

        var timerError = Record.Exception(() => Time.Advance(TimeSpan.FromSeconds(1)));
        gate.SetResult();

        Assert.Null(timerError);
        var error = await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());
        Assert.Contains("UnprintableRequest (its ToString threw InvalidOperationException)", error.Message);
    }

    [Fact]
    public async Task CallAsync_TimedOutWithALongRequest_ShowsItsTextCut()
    {
        var gate = await System.BlockAsync(Pid);
        var call = System.CallAsync(Pid, new Probe.Echo(new string('x', 1_000)), TimeSpan.FromSeconds(1));

        Time.Advance(TimeSpan.FromSeconds(1));
        gate.SetResult();

        var error = await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());
        var shown = error.Message.Split('\'')[1];
        Assert.Equal(201, shown.Length); // 200 characters and the ellipsis
        Assert.EndsWith("…", shown);
    }

    [Fact]
    public async Task From_TokenCallbackThatThrows_DoesNotKeepTheCallerFromItsTimeout()
    {
        var call = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(2));
        await System.BarrierAsync(Pid);
        Server.Deferred.TryDequeue(out var kept);
        kept.From.CancellationToken.Register(() => throw new InvalidOperationException("external work's cleanup failed"));

        var timerError = Record.Exception(() => Time.Advance(TimeSpan.FromSeconds(2)));

        Assert.Null(timerError);
        await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());
    }

    private sealed class UnprintableRequest
    {
        public override string ToString() => throw new InvalidOperationException("no text");
    }

    [Fact]
    public async Task From_Deadline_IsCallTimePlusTimeout()
    {
        var now = Time.GetUtcNow();
        _ = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(7));
        await System.BarrierAsync(Pid);
        Server.Deferred.TryDequeue(out var kept);
        var from = kept.From;

        Assert.Equal(now + TimeSpan.FromSeconds(7), from.Deadline);
        Assert.Equal(Pid, from.Actor);
        Assert.True(from.RequestId > 0);
        Assert.True(from.IsWaiting);
    }

    [Fact]
    public async Task From_RequestId_NumbersTheCallsOfEachActor()
    {
        var other = new ProbeServer();
        var otherPid = System.Spawn(other);
        foreach (var key in (string[])["a", "b"])
        {
            _ = System.CallAsync(Pid, new Probe.Defer(key), TimeSpan.FromSeconds(5));
            _ = System.CallAsync(otherPid, new Probe.Defer(key), TimeSpan.FromSeconds(5));
        }

        await System.BarrierAsync(Pid);
        await System.BarrierAsync(otherPid);

        Assert.Equal([1L, 2L], Server.Deferred.Select(kept => kept.From.RequestId));
        Assert.Equal([1L, 2L], other.Deferred.Select(kept => kept.From.RequestId));
        Assert.NotEqual(Server.Deferred.First().From, other.Deferred.First().From); // same number, different calls
    }

    [Fact]
    public async Task CallAsync_WithTheLongestTimeout_KeepsWaiting()
    {
        // Its start plus TimeSpan.MaxValue does not fit the clock: arming must neither throw (the timer takes at
        // most ~49.7 days) nor wrap to a deadline in the past.
        var call = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.MaxValue);
        await System.BarrierAsync(Pid);

        Time.Advance(TimeSpan.FromDays(1));

        Assert.False(call.IsCompleted);
        Assert.Equal(0, System.GetInfo(Pid)!.Timeouts);
        Assert.Equal(DateTimeOffset.MaxValue, Server.Deferred.Single().From.Deadline); // not an overflow
    }

    [Fact]
    public async Task CallAsync_Answered_DoesNotFireFromToken()
    {
        var call = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await System.BarrierAsync(Pid);
        Server.Deferred.TryDequeue(out var kept);
        var from = kept.From;
        var token = from.CancellationToken;

        System.Reply(from, "ok");
        await call.Guarded();

        Assert.False(token.IsCancellationRequested);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void CallAsync_NonPositiveTimeout_ThrowsAtOnce(int milliseconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => { _ = System.CallAsync(Pid, new Probe.Echo(1), TimeSpan.FromMilliseconds(milliseconds)); });
    }

    [Fact]
    public async Task CallAsyncOfT_WrongReplyType_ThrowsInvalidCastWithClearMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidCastException>(
            () => System.CallAsync<int>(Pid, new Probe.Echo("text"), TimeSpan.FromSeconds(5)).Guarded());

        Assert.Contains("not the Int32 the caller expected", error.Message);
    }

    [Fact]
    public async Task GetDeferredCalls_ListsWaitingCallersWithElapsedTime()
    {
        _ = System.CallAsync(Pid, new Probe.Defer("a"), TimeSpan.FromSeconds(10));
        await System.BarrierAsync(Pid);

        Time.Advance(TimeSpan.FromSeconds(3));
        var deferred = Assert.Single(System.GetDeferredCalls(Pid));

        Assert.Equal(CallPhase.Deferred, deferred.Phase);
        Assert.Equal(TimeSpan.FromSeconds(3), deferred.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(10), deferred.Timeout);
        Assert.Equal(new Probe.Defer("a"), deferred.Request);
    }
}

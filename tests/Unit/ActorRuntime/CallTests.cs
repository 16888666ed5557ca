using ActorRuntime;
using ActorRuntime.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime;

public sealed class CallTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private ActorSystem _system = null!;
    private ProbeServer _server = null!;
    private Pid _pid;

    public Task InitializeAsync()
    {
        _system = new ActorSystem(time: _time);
        _server = new ProbeServer();
        _pid = _system.Spawn(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task CallAsync_ImmediateReply_ReturnsTheValue()
    {
        var reply = await _system.CallAsync<int>(_pid, new Probe.Echo(42), TimeSpan.FromSeconds(5)).Guarded();

        Assert.Equal(42, reply);
        var info = _system.GetInfo(_pid)!;
        Assert.Equal(1, info.Calls);
        Assert.Equal(1, info.Replies);
    }

    [Fact]
    public async Task CallAsync_DeferredThenReplied_ResumesTheCaller()
    {
        var call = _system.CallAsync(_pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await _system.BarrierAsync(_pid);
        Assert.False(call.IsCompleted);
        Assert.Equal(1, _system.GetInfo(_pid)!.DeferredCalls);

        _system.Send(_pid, new Probe.Answer("k", "result"));

        Assert.Equal("result", await call.Guarded());
        await _system.BarrierAsync(_pid);
        Assert.Equal(0, _system.GetInfo(_pid)!.DeferredCalls);
        Assert.Contains("replied k", _server.Log);
    }

    [Fact]
    public async Task Reply_FromAnotherThread_ResumesTheCaller()
    {
        var call = _system.CallAsync(_pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await _system.BarrierAsync(_pid);
        Assert.True(_server.Deferred.TryDequeue(out var kept));
        var from = kept.From;

        var delivered = await Task.Run(() => _system.Reply(from, "from elsewhere"));

        Assert.True(delivered);
        Assert.Equal("from elsewhere", await call.Guarded());
    }

    [Fact]
    public async Task CallAsync_ThousandDeferredCallersRepliedInRandomOrder_EachGetsItsOwnAnswer()
    {
        var calls = Enumerable.Range(0, 1000)
            .Select(i => (Id: i, Task: _system.CallAsync(_pid, new Probe.Defer(i), TimeSpan.FromMinutes(1))))
            .ToList();
        await _system.BarrierAsync(_pid);
        Assert.Equal(1000, _system.GetInfo(_pid)!.DeferredCalls);
        var shuffled = _server.Deferred.OrderBy(_ => Random.Shared.Next()).ToArray();

        Parallel.ForEach(shuffled, kept => Assert.True(_system.Reply(kept.From, kept.Key)));

        foreach (var (id, task) in calls)
        {
            Assert.Equal(id, await task.Guarded());
        }

        Assert.Equal(0, _system.GetInfo(_pid)!.DeferredCalls);
        Assert.Equal(1000 + 1, _system.GetInfo(_pid)!.Replies); // + the barrier
    }

    [Fact]
    public async Task CallAsync_TimeoutWhileDeferred_ThrowsThenLateReplyIsDroppedAndCounted()
    {
        var call = _system.CallAsync(_pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await _system.BarrierAsync(_pid);

        _time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());
        _system.Send(_pid, new Probe.Answer("k", "too late"));
        await _system.BarrierAsync(_pid);

        Assert.False(error.WhileQueued);
        Assert.Contains("while deferred", error.Message);
        var info = _system.GetInfo(_pid)!;
        Assert.Equal(1, info.Timeouts);
        Assert.Equal(1, info.TimeoutsWhileDeferred);
        Assert.Equal(1, info.LateReplies);
        Assert.Equal(0, info.DeferredCalls);
        Assert.Contains("late k", _server.Log);
    }

    [Fact]
    public async Task CallAsync_TimeoutWhileQueued_IsClassifiedAndTheCallIsSkippedAsExpired()
    {
        var gate = await _system.BlockAsync(_pid);
        var call = _system.CallAsync(_pid, new Probe.Echo("never handled"), TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());
        gate.SetResult();
        await _system.BarrierAsync(_pid);

        Assert.True(error.WhileQueued);
        var info = _system.GetInfo(_pid)!;
        Assert.Equal(1, info.TimeoutsWhileQueued);
        Assert.Equal(1, info.Expired);
        Assert.Equal(0, info.LateReplies);
    }

    [Fact]
    public async Task Reply_Twice_SecondIsDroppedAsLate()
    {
        var call = _system.CallAsync(_pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await _system.BarrierAsync(_pid);
        _server.Deferred.TryDequeue(out var kept);
        var from = kept.From;

        var first = _system.Reply(from, 1);
        var second = _system.Reply(from, 2);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(1, await call.Guarded());
        Assert.Equal(1, _system.GetInfo(_pid)!.LateReplies);
    }

    [Fact]
    public async Task CallAsync_CallerCancels_ThrowsOperationCanceledAndFromTokenFires()
    {
        using var cancellation = new CancellationTokenSource();
        var call = _system.CallAsync(_pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5), cancellation.Token);
        await _system.BarrierAsync(_pid);
        _server.Deferred.TryDequeue(out var kept);
        var from = kept.From;
        var giveUp = from.CancellationToken;
        Assert.False(giveUp.IsCancellationRequested);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Guarded());
        Assert.True(giveUp.IsCancellationRequested);
        Assert.False(from.IsWaiting);
        Assert.False(_system.Reply(from, "late"));
    }

    [Fact]
    public async Task From_TokenAfterTimeout_IsAlreadyCanceled()
    {
        var call = _system.CallAsync(_pid, new Probe.Defer("k"), TimeSpan.FromSeconds(2));
        await _system.BarrierAsync(_pid);
        _server.Deferred.TryDequeue(out var kept);
        var from = kept.From;

        _time.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());

        Assert.True(from.CancellationToken.IsCancellationRequested);
    }

    [Fact]
    public async Task From_Deadline_IsCallTimePlusTimeout()
    {
        var now = _time.GetUtcNow();
        _ = _system.CallAsync(_pid, new Probe.Defer("k"), TimeSpan.FromSeconds(7));
        await _system.BarrierAsync(_pid);
        _server.Deferred.TryDequeue(out var kept);
        var from = kept.From;

        Assert.Equal(now + TimeSpan.FromSeconds(7), from.Deadline);
        Assert.Equal(_pid, from.Actor);
        Assert.True(from.RequestId > 0);
        Assert.True(from.IsWaiting);
    }

    [Fact]
    public async Task CallAsync_Answered_DoesNotFireFromToken()
    {
        var call = _system.CallAsync(_pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await _system.BarrierAsync(_pid);
        _server.Deferred.TryDequeue(out var kept);
        var from = kept.From;
        var token = from.CancellationToken;

        _system.Reply(from, "ok");
        await call.Guarded();

        Assert.False(token.IsCancellationRequested);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void CallAsync_NonPositiveTimeout_ThrowsAtOnce(int milliseconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => { _ = _system.CallAsync(_pid, new Probe.Echo(1), TimeSpan.FromMilliseconds(milliseconds)); });
    }

    [Fact]
    public async Task CallAsyncOfT_WrongReplyType_ThrowsInvalidCastWithClearMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidCastException>(
            () => _system.CallAsync<int>(_pid, new Probe.Echo("text"), TimeSpan.FromSeconds(5)).Guarded());

        Assert.Contains("not the Int32 the caller expected", error.Message);
    }

    [Fact]
    public async Task GetDeferredCalls_ListsWaitingCallersWithElapsedTime()
    {
        _ = _system.CallAsync(_pid, new Probe.Defer("a"), TimeSpan.FromSeconds(10));
        await _system.BarrierAsync(_pid);

        _time.Advance(TimeSpan.FromSeconds(3));
        var deferred = Assert.Single(_system.GetDeferredCalls(_pid));

        Assert.Equal(CallPhase.Deferred, deferred.Phase);
        Assert.Equal(TimeSpan.FromSeconds(3), deferred.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(10), deferred.Timeout);
        Assert.Equal(new Probe.Defer("a"), deferred.Request);
    }
}

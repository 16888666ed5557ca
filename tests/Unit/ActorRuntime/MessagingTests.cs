using ActorRuntime;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime;

public sealed class MessagingTests : IAsyncLifetime
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
    public async Task Cast_And_Send_ReachTheirCallbacks()
    {
        _system.Cast(_pid, new Probe.Note("cast"));
        _system.Send(_pid, new Probe.Note("info"));
        await _system.BarrierAsync(_pid);

        Assert.Equal(["init", "cast", "info"], _server.Log.ToArray());
    }

    [Fact]
    public async Task SendAfter_DeliversWhenTheClockReachesTheDelay()
    {
        _system.SendAfter(_pid, new Probe.Note("later"), TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(4));
        await _system.BarrierAsync(_pid);
        var before = _server.Log.Contains("later");
        _time.Advance(TimeSpan.FromSeconds(1));
        await _system.BarrierAsync(_pid);

        Assert.False(before);
        Assert.Contains("later", _server.Log);
    }

    [Fact]
    public async Task SendAfter_Disposed_NeverDelivers()
    {
        var timer = _system.SendAfter(_pid, new Probe.Note("cancelled"), TimeSpan.FromSeconds(5));

        timer.Dispose();
        _time.Advance(TimeSpan.FromSeconds(10));
        await _system.BarrierAsync(_pid);

        Assert.DoesNotContain("cancelled", _server.Log);
    }

    [Fact]
    public async Task HandleInfo_Default_IgnoresUnknownMessages()
    {
        var pid = _system.Spawn(new MinimalServer());

        _system.Send(pid, "unexpected");
        var reply = await _system.CallAsync(pid, "ping", TimeSpan.FromSeconds(5)).Guarded();

        Assert.Equal("pong", reply);
        Assert.Equal(0, _system.GetInfo(pid)!.Crashes);
    }

    [Fact]
    public async Task HandleCast_NotOverridden_CrashesWithAClearReason()
    {
        var pid = _system.Spawn(new MinimalServer());
        using var probe = new EventProbe(_system, pid);

        _system.Cast(pid, "unexpected");
        var crash = await probe.WaitForAsync(e => e.Kind == global::ActorRuntime.Diagnostics.ActorEventKind.Crashed);

        Assert.Contains("does not override HandleCastAsync", crash.Reason);
    }

    private sealed class MinimalServer : GenServer<int>
    {
        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<CallResult<int>> HandleCallAsync(object request, From from, int state) =>
            ValueTask.FromResult(Reply("pong", state));
    }
}

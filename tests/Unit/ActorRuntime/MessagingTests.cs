using ActorRuntime;

namespace Unit.ActorRuntime;

public sealed class MessagingTests : ActorSystemTest
{
    [Fact]
    public async Task Cast_And_Send_ReachTheirCallbacks()
    {
        System.Cast(Pid, new Probe.Note("cast"));
        System.Send(Pid, new Probe.Note("info"));
        await System.BarrierAsync(Pid);

        Assert.Equal(["init", "cast", "info"], Server.Log.ToArray());
    }

    [Fact]
    public async Task SendAfter_DeliversWhenTheClockReachesTheDelay()
    {
        System.SendAfter(Pid, new Probe.Note("later"), TimeSpan.FromSeconds(5));

        Time.Advance(TimeSpan.FromSeconds(4));
        await System.BarrierAsync(Pid);
        var before = Server.Log.Contains("later");
        Time.Advance(TimeSpan.FromSeconds(1));
        await System.BarrierAsync(Pid);

        Assert.False(before);
        Assert.Contains("later", Server.Log);
    }

    [Fact]
    public async Task SendAfter_Disposed_NeverDelivers()
    {
        var timer = System.SendAfter(Pid, new Probe.Note("cancelled"), TimeSpan.FromSeconds(5));

        timer.Dispose();
        Time.Advance(TimeSpan.FromSeconds(10));
        await System.BarrierAsync(Pid);

        Assert.DoesNotContain("cancelled", Server.Log);
    }

    [Fact]
    public async Task HandleInfo_Default_IgnoresUnknownMessages()
    {
        var pid = System.Spawn(new MinimalServer());

        System.Send(pid, "unexpected");
        var reply = await System.CallAsync(pid, "ping", TimeSpan.FromSeconds(5)).Guarded();

        Assert.Equal("pong", reply);
        Assert.Equal(0, System.GetInfo(pid)!.Crashes);
    }

    [Fact]
    public async Task HandleCast_NotOverridden_CrashesWithAClearReason()
    {
        var pid = System.Spawn(new MinimalServer());
        using var probe = new EventProbe(System, pid);

        System.Cast(pid, "unexpected");
        var crash = await probe.WaitForAsync(e => e.Kind == ActorEventKind.Crashed);

        Assert.Contains("does not override HandleCastAsync", crash.Reason);
    }

    private sealed class MinimalServer : GenServer<int>
    {
        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<CallResult<int>> HandleCallAsync(object request, From from, int state) =>
            ValueTask.FromResult(Reply("pong", state));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ActorRuntime;

namespace Unit.ActorRuntime.Diagnostics;

public sealed class DiagnosticsTests : ActorSystemTest
{
    [Fact]
    public async Task Subscribe_DeferredCall_ReportsEachPhaseInOrder()
    {
        using var probe = new EventProbe(System, Pid);

        var call = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await System.BarrierAsync(Pid);
        Time.Advance(TimeSpan.FromMilliseconds(250));
        System.Send(Pid, new Probe.Answer("k", "done"));
        await call.Guarded();
        var replied = await probe.WaitForAsync(e => e.Kind == ActorEventKind.CallReplied && e.Message is Probe.Defer);

        var ofCall = probe.Events.Where(e => e.RequestId == replied.RequestId).Select(e => e.Kind).ToList();
        Assert.Equal(
            [ActorEventKind.CallStarted, ActorEventKind.CallHandling, ActorEventKind.CallDeferred, ActorEventKind.MessageHandled, ActorEventKind.CallReplied],
            ofCall);
        Assert.Equal(TimeSpan.FromMilliseconds(250), replied.Duration);
        Assert.Equal(new Probe.Defer("k"), replied.Message);
    }

    [Fact]
    public async Task Subscribe_Timeout_ReportsThePhaseItTimedOutIn()
    {
        using var probe = new EventProbe(System, Pid);
        var call = System.CallAsync(Pid, new Probe.Defer("k"), TimeSpan.FromSeconds(1));
        await System.BarrierAsync(Pid);

        Time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());
        System.Send(Pid, new Probe.Answer("k", "late"));

        var timedOut = await probe.WaitForAsync(e => e.Kind == ActorEventKind.CallTimedOut);
        var late = await probe.WaitForAsync(e => e.Kind == ActorEventKind.LateReplyDropped);
        Assert.Equal(CallOutcome.TimedOutWhileDeferred, timedOut.Outcome);
        Assert.Equal(CallTimeoutKind.WhileDeferred, timedOut.TimeoutKind);
        Assert.Equal(timedOut.RequestId, late.RequestId);
    }

    [Fact]
    public async Task Subscribe_Crash_CarriesTheException()
    {
        using var probe = new EventProbe(System);

        System.Cast(Pid, new Probe.Crash("kaput"));

        var crashed = await probe.WaitForAsync(e => e.Kind == ActorEventKind.Crashed);
        var stopped = await probe.WaitForAsync(e => e.Kind == ActorEventKind.Stopped);
        Assert.IsType<InvalidOperationException>(crashed.Exception);
        Assert.Equal(Pid, stopped.Pid);
    }

    [Fact]
    public async Task Subscription_Disposed_StopsDelivery()
    {
        await System.BarrierAsync(Pid); // init's Started is out before we subscribe
        var probe = new EventProbe(System, Pid);
        probe.Dispose();

        await System.BarrierAsync(Pid);

        Assert.Empty(probe.Events);
    }

    [Fact]
    public async Task Meter_ActorRuntime_ReportsCallsAndLiveActors()
    {
        var name = $"metered-{Guid.NewGuid():N}";
        await using var system = new ActorSystem(new ActorSystemOptions { Name = name }, Time);
        var pid = system.Spawn(new ProbeServer());
        long calls = 0;
        long live = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ActorSystem.MeterName && instrument.Meter.Tags?.Any(t => Equals(t.Value, name)) == true)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "actor.calls")
            {
                Interlocked.Add(ref calls, value);
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "actor.live")
            {
                Interlocked.Exchange(ref live, value);
            }
        });
        listener.Start();

        await system.CallAsync(pid, new Probe.Echo(1), TimeSpan.FromSeconds(5)).Guarded();
        await system.CallAsync(pid, new Probe.Echo(2), TimeSpan.FromSeconds(5)).Guarded();
        listener.RecordObservableInstruments();

        Assert.Equal(2, Interlocked.Read(ref calls));
        Assert.Equal(1, Interlocked.Read(ref live));
    }

    [Fact]
    public async Task Meter_Timeouts_AreTaggedWithTheKindTheyTimedOutIn()
    {
        var name = $"metered-{Guid.NewGuid():N}";
        await using var system = new ActorSystem(new ActorSystemOptions { Name = name }, Time);
        var pid = system.Spawn(new ProbeServer());
        var phases = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "actor.call.timeouts" && instrument.Meter.Tags?.Any(t => Equals(t.Value, name)) == true)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "phase")
                {
                    phases.Enqueue((string)tag.Value!);
                }
            }
        });
        listener.Start();

        var deferred = system.CallAsync(pid, new Probe.Defer("k"), TimeSpan.FromSeconds(1));
        await system.BarrierAsync(pid);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handling = system.CallAsync(pid, new Probe.Block(gate, entered), TimeSpan.FromSeconds(1));
        await entered.Task.Guarded();
        var queued = system.CallAsync(pid, new Probe.Echo("behind the block"), TimeSpan.FromSeconds(1));
        Time.Advance(TimeSpan.FromSeconds(1));
        foreach (var call in new[] { deferred, handling, queued })
        {
            await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());
        }

        gate.SetResult();
        Assert.Equal(["deferred", "handling", "queued"], phases.Order());
    }

    [Fact]
    public async Task GetInfo_HandleTimes_AreMeasuredWithTheSystemClock()
    {
        var gate = await System.BlockAsync(Pid);
        Time.Advance(TimeSpan.FromMilliseconds(40));
        gate.SetResult();
        await System.BarrierAsync(Pid);

        var info = System.GetInfo(Pid)!;
        Assert.Equal(TimeSpan.FromMilliseconds(40), info.HandleTimeMax);
        Assert.InRange(info.HandleTimeP99, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(40));
        Assert.Equal(2, info.MessagesHandled);
        Assert.Equal(ActorStatus.Idle, info.Status);
    }

    [Fact]
    public async Task GetInfo_HandleTimes_OfSlowCallbacks_CountEveryOne_ThoughFastOnesAreSampled()
    {
        var clock = System.Spawn(new ClockServer(Time));
        foreach (var milliseconds in new[] { 10, 20, 30, 40, 50 })
        {
            System.Cast(clock, TimeSpan.FromMilliseconds(milliseconds)); // each callback takes this long
        }

        await System.BarrierAsync(clock);

        // A turn's first callback is timed, and each one after a slow one: all five however the turns fell,
        // and the barrier call after them (0 ms), so the mean is 150 / 6 ms. Sampling alone would time one or two.
        var info = System.GetInfo(clock)!;
        Assert.Equal(TimeSpan.FromMilliseconds(50), info.HandleTimeMax);
        Assert.Equal(TimeSpan.FromMilliseconds(25), info.HandleTimeMean);
    }

    /// <summary>Each cast of a <see cref="TimeSpan"/> moves the fake clock on by it, as if the callback took that long.</summary>
    private sealed class ClockServer(Microsoft.Extensions.Time.Testing.FakeTimeProvider time) : GenServer<int>
    {
        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<int> HandleCastAsync(object message, int state)
        {
            time.Advance((TimeSpan)message);
            return ValueTask.FromResult(state + 1);
        }

        protected override ValueTask<CallResult<int>> HandleCallAsync(object request, From from, int state) =>
            ValueTask.FromResult(Reply(state, state));
    }
}

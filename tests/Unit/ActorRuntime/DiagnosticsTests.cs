using System.Diagnostics.Metrics;
using ActorRuntime;
using ActorRuntime.Calls;
using ActorRuntime.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime;

public sealed class DiagnosticsTests : IAsyncLifetime
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
    public async Task Subscribe_DeferredCall_ReportsEachPhaseInOrder()
    {
        using var probe = new EventProbe(_system, _pid);

        var call = _system.CallAsync(_pid, new Probe.Defer("k"), TimeSpan.FromSeconds(5));
        await _system.BarrierAsync(_pid);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        _system.Send(_pid, new Probe.Answer("k", "done"));
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
        using var probe = new EventProbe(_system, _pid);
        var call = _system.CallAsync(_pid, new Probe.Defer("k"), TimeSpan.FromSeconds(1));
        await _system.BarrierAsync(_pid);

        _time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<CallTimeoutException>(() => call.Guarded());
        _system.Send(_pid, new Probe.Answer("k", "late"));

        var timedOut = await probe.WaitForAsync(e => e.Kind == ActorEventKind.CallTimedOut);
        var late = await probe.WaitForAsync(e => e.Kind == ActorEventKind.LateReplyDropped);
        Assert.Equal(CallOutcome.TimedOutWhileDeferred, timedOut.Outcome);
        Assert.Equal(timedOut.RequestId, late.RequestId);
    }

    [Fact]
    public async Task Subscribe_Crash_CarriesTheException()
    {
        using var probe = new EventProbe(_system);

        _system.Cast(_pid, new Probe.Crash("kaput"));

        var crashed = await probe.WaitForAsync(e => e.Kind == ActorEventKind.Crashed);
        var stopped = await probe.WaitForAsync(e => e.Kind == ActorEventKind.Stopped);
        Assert.IsType<InvalidOperationException>(crashed.Exception);
        Assert.Equal(_pid, stopped.Pid);
    }

    [Fact]
    public async Task Subscription_Disposed_StopsDelivery()
    {
        var probe = new EventProbe(_system, _pid);
        probe.Dispose();

        await _system.BarrierAsync(_pid);

        Assert.Empty(probe.Events);
    }

    [Fact]
    public async Task Meter_ActorRuntime_ReportsCallsAndLiveActors()
    {
        var name = $"metered-{Guid.NewGuid():N}";
        await using var system = new ActorSystem(new ActorSystemOptions { Name = name }, _time);
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
    public async Task GetInfo_HandleTimes_AreMeasuredWithTheSystemClock()
    {
        var gate = await _system.BlockAsync(_pid);
        _time.Advance(TimeSpan.FromMilliseconds(40));
        gate.SetResult();
        await _system.BarrierAsync(_pid);

        var info = _system.GetInfo(_pid)!;
        Assert.Equal(TimeSpan.FromMilliseconds(40), info.HandleTimeMax);
        Assert.InRange(info.HandleTimeP99, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(40));
        Assert.Equal(2, info.MessagesHandled);
        Assert.Equal(ActorStatus.Idle, info.Status);
    }
}

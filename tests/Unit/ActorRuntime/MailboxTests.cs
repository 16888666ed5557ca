using ActorRuntime;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime;

public sealed class MailboxTests : IAsyncLifetime
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
    public async Task QueueDepth_WhileBusy_IsExact()
    {
        var pid = _system.Spawn(new ProbeServer());
        var gate = await _system.BlockAsync(pid);

        for (var i = 0; i < 10; i++)
        {
            _system.Send(pid, new Probe.Note($"n{i}"));
        }

        var busy = _system.GetInfo(pid)!;
        gate.SetResult();
        await _system.BarrierAsync(pid);

        Assert.Equal(10, busy.QueueDepth);
        Assert.Equal(ActorStatus.Busy, busy.Status);
        Assert.Equal(0, _system.GetInfo(pid)!.QueueDepth);
    }

    [Fact]
    public async Task BoundedMailbox_WhenFull_RejectsSendsAndCallsAndCountsThem()
    {
        var pid = _system.Spawn(new ProbeServer(), new SpawnOptions { MailboxCapacity = 3 });
        var gate = await _system.BlockAsync(pid);
        for (var i = 0; i < 3; i++)
        {
            _system.Send(pid, new Probe.Note($"n{i}"));
        }

        var sendError = Assert.Throws<MailboxFullException>(() => _system.Send(pid, new Probe.Note("overflow")));
        var accepted = _system.TrySend(pid, new Probe.Note("overflow"));
        var callError = await Assert.ThrowsAsync<MailboxFullException>(
            () => _system.CallAsync(pid, new Probe.Echo(1), TimeSpan.FromSeconds(1)).Guarded());
        var info = _system.GetInfo(pid)!;
        gate.SetResult();

        Assert.False(accepted);
        Assert.Equal(3, sendError.Capacity);
        Assert.Equal(pid, callError.Pid);
        Assert.Contains("MailboxCapacity", sendError.Message);
        Assert.Equal(3, info.QueueDepth);
        Assert.Equal(3, info.Rejected);
    }

    [Fact]
    public async Task Mailbox_ManyConcurrentSenders_OneMessageAtATimeInOrderPerSender()
    {
        var server = new ProbeServer();
        var pid = _system.Spawn(server);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(sender => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                _system.Cast(pid, new Probe.Note($"{sender}:{i}"));
            }
        })));
        await _system.BarrierAsync(pid);

        Assert.Equal(1, server.MaxConcurrency);
        var notes = server.Log.Where(line => line.Contains(':')).ToList();
        Assert.Equal(8_000, notes.Count);
        foreach (var sender in Enumerable.Range(0, 4))
        {
            var sequence = notes.Where(n => n.StartsWith($"{sender}:")).Select(n => int.Parse(n[2..])).ToList();
            Assert.Equal(Enumerable.Range(0, 2_000), sequence);
        }
    }

    [Fact]
    public async Task Mailbox_FloodThenDrain_HandlesEveryMessage()
    {
        var pid = _system.Spawn(new ProbeServer());
        var gate = await _system.BlockAsync(pid);

        for (var i = 0; i < 50_000; i++)
        {
            _system.Send(pid, new Probe.Note("x"));
        }

        Assert.Equal(50_000, _system.GetInfo(pid)!.QueueDepth);
        gate.SetResult();
        await _system.BarrierAsync(pid);

        Assert.Equal(0, _system.GetInfo(pid)!.QueueDepth);
        Assert.Equal(50_000 + 2, _system.GetInfo(pid)!.MessagesHandled);
    }

    [Fact]
    public void Send_ToDeadPid_IsDroppedSilently()
    {
        _system.Send(new Pid(12345), new Probe.Note("nobody"));

        Assert.False(_system.TrySend(new Pid(12345), new Probe.Note("nobody")));
    }
}

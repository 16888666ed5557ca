using ActorRuntime;

namespace Unit.ActorRuntime;

public sealed class MailboxTests : ActorSystemTest
{
    [Fact]
    public async Task QueueDepth_WhileBusy_IsExact()
    {
        var pid = System.Spawn(new ProbeServer());
        var gate = await System.BlockAsync(pid);

        for (var i = 0; i < 10; i++)
        {
            System.Send(pid, new Probe.Note($"n{i}"));
        }

        var busy = System.GetInfo(pid)!;
        gate.SetResult();
        await System.BarrierAsync(pid);

        Assert.Equal(10, busy.QueueDepth);
        Assert.Equal(ActorStatus.Busy, busy.Status);
        Assert.Equal(0, System.GetInfo(pid)!.QueueDepth);
    }

    [Fact]
    public async Task BoundedMailbox_WhenFull_RejectsSendsAndCallsAndCountsThem()
    {
        var pid = System.Spawn(new ProbeServer(), new SpawnOptions { MailboxCapacity = 3 });
        var gate = await System.BlockAsync(pid);
        for (var i = 0; i < 3; i++)
        {
            System.Send(pid, new Probe.Note($"n{i}"));
        }

        var sendError = Assert.Throws<MailboxFullException>(() => System.Send(pid, new Probe.Note("overflow")));
        var accepted = System.TrySend(pid, new Probe.Note("overflow"));
        var callError = await Assert.ThrowsAsync<MailboxFullException>(
            () => System.CallAsync(pid, new Probe.Echo(1), TimeSpan.FromSeconds(1)).Guarded());
        var info = System.GetInfo(pid)!;
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
        var pid = System.Spawn(server);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(sender => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                System.Cast(pid, new Probe.Note($"{sender}:{i}"));
            }
        })));
        await System.BarrierAsync(pid);

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
        var pid = System.Spawn(new ProbeServer());
        var gate = await System.BlockAsync(pid);

        for (var i = 0; i < 50_000; i++)
        {
            System.Send(pid, new Probe.Note("x"));
        }

        Assert.Equal(50_000, System.GetInfo(pid)!.QueueDepth);
        gate.SetResult();
        await System.BarrierAsync(pid);

        Assert.Equal(0, System.GetInfo(pid)!.QueueDepth);
        Assert.Equal(50_000 + 2, System.GetInfo(pid)!.MessagesHandled);
    }

    [Fact]
    public void Send_ToDeadPid_IsDroppedSilently()
    {
        System.Send(new Pid(12345), new Probe.Note("nobody"));

        Assert.False(System.TrySend(new Pid(12345), new Probe.Note("nobody")));
    }
}

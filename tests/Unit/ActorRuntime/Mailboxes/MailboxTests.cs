using ActorRuntime;
using ActorRuntime.Mailboxes;
using TestSupport;

namespace Unit.ActorRuntime.Mailboxes;

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
    public async Task Flood_ThenAQuietSecond_TheNextIdleSwapsTheGrownRingForASmallOne()
    {
        var pid = System.Spawn(new ProbeServer());
        var gate = await System.BlockAsync(pid);
        for (var i = 0; i < 5_000; i++)
        {
            System.Send(pid, new Probe.Note("flood"));
        }

        gate.SetResult();
        await UntilIdleAfterAsync(pid, 5_001);
        var grown = System.MailboxSlots(pid);

        System.Send(pid, new Probe.Note("soon after")); // the ring was needed less than a second ago: kept
        await UntilIdleAfterAsync(pid, 5_002);
        var keptWhileRecent = System.MailboxSlots(pid);

        Time.Advance(Mailbox.TrimAfterQuiet);
        System.Send(pid, new Probe.Note("a quiet second later"));
        await UntilIdleAfterAsync(pid, 5_003);

        Assert.True(grown >= 4_096, $"5,000 queued messages should have grown the ring, got {grown} slots");
        Assert.Equal(grown, keptWhileRecent);
        Assert.Equal(Mailbox.InitialSegmentLength, System.MailboxSlots(pid));
        Assert.Equal("barrier", await System.BarrierAsync(pid)); // and the small ring still carries messages
    }

    [Fact]
    public void Send_ToDeadPid_IsDroppedSilently()
    {
        System.Send(new Pid(12345), new Probe.Note("nobody"));

        Assert.False(System.TrySend(new Pid(12345), new Probe.Note("nobody")));
    }

    /// <summary>Waits until the actor has handled <paramref name="handled"/> messages and gone idle, which is when it trims.</summary>
    private Task UntilIdleAfterAsync(Pid pid, long handled) => Until.TrueAsync(
        () => System.GetInfo(pid) is { Status: ActorStatus.Idle } info && info.MessagesHandled >= handled,
        $"the actor to go idle after {handled:N0} messages");
}

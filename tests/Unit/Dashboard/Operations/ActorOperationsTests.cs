using ActorRuntime;
using Dashboard.Heartbeats;
using Dashboard.Operations;
using TestSupport;

namespace Unit.Dashboard.Operations;

public sealed class ActorOperationsTests
{
    [Fact]
    public async Task RunAsync_StopAsAdmin_StopsTheActor_TellsItsSession_AndLogsWhoWhatWhen()
    {
        // Arrange
        await using var harness = new OperatorHarness(admin: true);
        var pid = harness.Sessions.Session.Pid!.Value;

        // Act
        var result = await harness.Operations.RunAsync(new OperatorCommand(OperatorActionKind.Stop, pid));

        // Assert
        Assert.Equal(OperatorOutcome.Done, result.Outcome);
        Assert.False(harness.Sessions.System.IsAlive(pid));
        var notice = harness.Sessions.Session.Snapshot().OperatorAction;
        Assert.NotNull(notice);
        Assert.Equal(OperatorActionKind.Stop, notice.Kind);
        Assert.Contains("stopped by an operator", notice.Text, StringComparison.Ordinal);
        var entry = Assert.Single(harness.Log.Entries, entry => entry.EventId == 1301);
        Assert.Contains("admin", entry.Message, StringComparison.Ordinal);
        Assert.Contains("stop", entry.Message, StringComparison.Ordinal);
        Assert.Contains(pid.ToString(), entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OperatorActionKind.Stop)]
    [InlineData(OperatorActionKind.Kill)]
    public async Task RunAsync_NotAnAdmin_IsRefused_AndTheActorRunsOn(OperatorActionKind kind)
    {
        // Arrange
        await using var harness = new OperatorHarness(admin: false);
        var pid = harness.Sessions.Session.Pid!.Value;

        // Act
        var result = await harness.Operations.RunAsync(new OperatorCommand(kind, pid));

        // Assert
        Assert.Equal(OperatorOutcome.Refused, result.Outcome);
        Assert.True(harness.Sessions.System.IsAlive(pid));
        Assert.Equal(0, harness.Sessions.System.GetInfo(pid)!.Crashes);
        Assert.Null(harness.Sessions.Session.LastOperatorAction);
        var entry = Assert.Single(harness.Log.Entries);
        Assert.Equal(1302, entry.EventId);
        Assert.Contains("anonymous", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_KillAHeartbeatActor_CrashesIt_AndItsPolicyRestartsItUnderTheSamePid()
    {
        // Arrange
        await using var harness = new OperatorHarness(admin: true);
        var session = harness.Sessions.Session;
        var pid = session.Pid!.Value;

        // Act
        var result = await harness.Operations.RunAsync(new OperatorCommand(OperatorActionKind.Kill, pid));

        // Assert
        Assert.Equal(OperatorOutcome.Done, result.Outcome);
        await Until.TrueAsync(() => session.Tracker.Snapshot().Counters.Restarts == 1, "the killed actor's restart");
        Assert.Equal(pid, session.Pid);
        Assert.True(harness.Sessions.System.IsAlive(pid));
        Assert.Equal(OperatorActionKind.Kill, session.LastOperatorAction?.Kind);
    }

    [Fact]
    public async Task RunAsync_CancelAQueuedCall_ItsCallerIsToldCancelledByOperator()
    {
        // Arrange: a gate actor busy in a callback, one call queued behind it
        await using var harness = new OperatorHarness(admin: true);
        var system = harness.Sessions.System;
        var gate = new Unit.Dashboard.Overview.GateActor();
        var pid = system.Spawn(gate);
        system.Send(pid, gate.Gate);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var call = system.CallAsync(pid, "queued", TimeSpan.FromSeconds(30));
        var pending = Assert.Single(harness.Operations.PendingCalls(pid));
        Assert.Equal("queued", pending.Phase);

        // Act
        var result = await harness.Operations.RunAsync(new OperatorCommand(OperatorActionKind.CancelCall, pid, pending.RequestId));

        // Assert
        Assert.Equal(OperatorOutcome.Done, result.Outcome);
        var error = await Assert.ThrowsAsync<CallCancelledException>(() => call);
        Assert.Contains("cancelled by operator", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Operations.PendingCalls(pid));
        gate.Open();
    }

    [Fact]
    public async Task RunAsync_CancelACallThatNoLongerWaits_IsNotFound()
    {
        // Arrange
        await using var harness = new OperatorHarness(admin: true);

        // Act
        var result = await harness.Operations.RunAsync(new OperatorCommand(OperatorActionKind.CancelCall, harness.Sessions.Session.Pid!.Value, 12_345));

        // Assert
        Assert.Equal(OperatorOutcome.NotFound, result.Outcome);
        Assert.Contains("no longer waits", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeStateAsync_NotAnAdmin_GetsNothing_AnAdminGetsTheHeartbeatActorsView()
    {
        // Arrange
        await using var visitor = new OperatorHarness(admin: false);
        await using var admin = new OperatorHarness(admin: true);

        // Act
        var hidden = await visitor.Operations.DescribeStateAsync(visitor.Sessions.Session.Pid!.Value, TimeSpan.FromSeconds(5));
        var shown = await admin.Operations.DescribeStateAsync(admin.Sessions.Session.Pid!.Value, TimeSpan.FromSeconds(5));

        // Assert
        Assert.Null(hidden);
        Assert.Equal(["waiting callers", "incarnation", "sweep timer armed"], shown!.Select(item => item.Key));
    }

    [Fact]
    public async Task RunAsync_PidNotAliveHere_IsNotFound_AndLogsNotDone()
    {
        // Arrange
        await using var harness = new OperatorHarness(admin: true);

        // Act
        var result = await harness.Operations.RunAsync(new OperatorCommand(OperatorActionKind.Stop, new Pid(9_999)));

        // Assert
        Assert.Equal(OperatorOutcome.NotFound, result.Outcome);
        Assert.Contains("not alive on this node", result.Message, StringComparison.Ordinal);
        Assert.Equal(1303, Assert.Single(harness.Log.Entries).EventId);
    }

    [Fact]
    public async Task PendingCalls_TwoDeferredCalls_ListsThemOldestFirst_WithCallerAgeDeadlineAndPhase()
    {
        // Arrange: two calls deferred (the external work answers after 200 ms of fake time)
        await using var harness = new OperatorHarness(admin: true);
        var session = harness.Sessions.Session;
        var pid = session.Pid!.Value;
        var first = session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => harness.Sessions.System.GetInfo(pid)!.DeferredCalls == 1, "the first call deferred");
        harness.Sessions.Time.Advance(TimeSpan.FromMilliseconds(50));
        var second = session.RequestAsync(CallOrigin.Burst, TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => harness.Sessions.System.GetInfo(pid)!.DeferredCalls == 2, "both calls deferred");

        // Act
        var rows = harness.Operations.PendingCalls(pid);

        // Assert
        Assert.Equal(["tab · manual", "tab · burst"], rows.Select(row => row.Caller));
        Assert.Equal(["deferred", "deferred"], rows.Select(row => row.Phase));
        Assert.True(rows[0].Age > rows[1].Age);
        Assert.Equal(harness.Sessions.Time.GetUtcNow() + TimeSpan.FromSeconds(5) - rows[0].Age, rows[0].Deadline);
        Assert.StartsWith("HeartbeatRequest #", rows[0].Request, StringComparison.Ordinal);
        harness.Sessions.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await first).Ok);
        Assert.True((await second).Ok);
    }

    [Theory]
    [InlineData("stop", OperatorActionKind.Stop)]
    [InlineData("KILL", OperatorActionKind.Kill)]
    [InlineData("flush", OperatorActionKind.FlushMailbox)]
    [InlineData("cancel-call", OperatorActionKind.CancelCall)]
    public void TryParseKind_UrlNames_RoundTrip(string name, OperatorActionKind expected)
    {
        // Act
        var parsed = OperatorCommand.TryParseKind(name, out var kind);

        // Assert
        Assert.True(parsed);
        Assert.Equal(expected, kind);
        Assert.Equal(name.ToLowerInvariant(), OperatorCommand.NameOf(kind));
    }

    [Theory]
    [InlineData("")]
    [InlineData("delete")]
    [InlineData(null)]
    public void TryParseKind_UnknownName_IsFalse(string? name) => Assert.False(OperatorCommand.TryParseKind(name, out _));
}

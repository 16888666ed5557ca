using ActorRuntime;
using Dashboard.Operations;
using Microsoft.Extensions.Time.Testing;
using TestSupport;

namespace Unit.Dashboard.Operations;

public sealed class ActorTraceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly ActorSystem _system;
    private readonly Pid _pid;

    public ActorTraceTests()
    {
        _system = new ActorSystem(time: _time);
        _pid = _system.Spawn(new Traced());
    }

    [Fact]
    public async Task Start_CountBound_EndsByItselfAfterThatManyMessages()
    {
        // Arrange
        using var trace = ActorTrace.Start(_system, _pid, new TraceLimits(3, TimeSpan.FromSeconds(10)));

        // Act
        for (var i = 0; i < 5; i++)
        {
            _system.Send(_pid, i);
        }

        // Assert
        await Until.TrueAsync(() => trace.EndReason is not null, "the trace's end");
        Assert.Equal("message limit reached (3)", trace.EndReason);
        Assert.Equal([1, 2, 3], trace.Rows().Select(row => row.Number));
        Assert.All(trace.Rows(), row => Assert.Equal(("message", "Int32", "ok"), (row.Kind, row.Type, row.Outcome)));
    }

    [Fact]
    public async Task Start_TimeBound_EndsByItselfWhenTheClockPassesIt()
    {
        // Arrange
        using var trace = ActorTrace.Start(_system, _pid, new TraceLimits(100, TimeSpan.FromSeconds(10)));
        _system.Send(_pid, 1);
        await Until.TrueAsync(() => trace.Rows().Count == 1, "one traced message");

        // Act
        _time.Advance(TimeSpan.FromSeconds(9));
        var beforeTheBound = trace.EndReason;
        _time.Advance(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Null(beforeTheBound);
        Assert.Equal("time limit reached (10 s)", trace.EndReason);
        _system.Send(_pid, 2);
        await _system.CallAsync(_pid, "ping", TimeSpan.FromSeconds(5)); // the message was handled, after the end
        Assert.Single(trace.Rows());
    }

    [Fact]
    public async Task Rows_CallsRepliedAndDeferred_AndACrash_NameTheirOutcome()
    {
        // Arrange
        using var trace = ActorTrace.Start(_system, _pid, new TraceLimits(10, TimeSpan.FromSeconds(10)));

        // Act
        await _system.CallAsync(_pid, "ping", TimeSpan.FromSeconds(5));
        var deferred = _system.CallAsync(_pid, "defer", TimeSpan.FromSeconds(5));
        _system.Cast(_pid, "crash");

        // Assert
        await Until.TrueAsync(() => trace.Rows() is [_, _, { Outcome: var third }] && third.StartsWith("crash:", StringComparison.Ordinal), "three traced messages, the last one crashed");
        var rows = trace.Rows();
        Assert.Equal(("call", "String", "replied"), (rows[0].Kind, rows[0].Type, rows[0].Outcome));
        Assert.Equal(("call", "deferred (NoReply)"), (rows[1].Kind, rows[1].Outcome));
        Assert.NotEqual(0, rows[1].RequestId);
        Assert.Equal(("message", "crash: InvalidOperationException: crash on purpose"), (rows[2].Kind, rows[2].Outcome));
        await Assert.ThrowsAsync<ActorExitedException>(() => deferred); // the crash failed the waiting caller
    }

    [Fact]
    public async Task Start_ActorStops_EndsWithItsReason()
    {
        // Arrange
        using var trace = ActorTrace.Start(_system, _pid, new TraceLimits(100, TimeSpan.FromSeconds(10)));

        // Act
        await _system.StopAsync(_pid, "bye");

        // Assert
        await Until.TrueAsync(() => trace.EndReason is not null, "the trace's end");
        Assert.Equal("the actor stopped (bye)", trace.EndReason);
    }

    [Fact]
    public async Task Start_ActorNotAlive_Throws()
    {
        // Arrange
        await _system.StopAsync(_pid);

        // Act + Assert
        Assert.Throws<ActorExitedException>(() => ActorTrace.Start(_system, _pid, new TraceLimits(1, TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public void Dispose_WhileRunning_EndsItAsCancelled()
    {
        // Arrange
        var trace = ActorTrace.Start(_system, _pid, new TraceLimits(100, TimeSpan.FromSeconds(10)));

        // Act
        trace.Dispose();

        // Assert
        Assert.Equal("cancelled", trace.EndReason);
    }

    [Theory]
    [InlineData(0, 10, "Messages must be between 1 and 1,000 (was 0).")]
    [InlineData(1_001, 10, "Messages must be between 1 and 1,000 (was 1,001).")]
    [InlineData(100, 0.5, "Seconds must be between 1 and 60 (was 0.5).")]
    [InlineData(100, 61, "Seconds must be between 1 and 60 (was 61).")]
    public void Create_OutOfRange_SaysWhichBoundAndWhy(int messages, double seconds, string expected)
    {
        // Act
        var (limits, errors) = TraceLimits.Create(messages, seconds);

        // Assert
        Assert.Null(limits);
        Assert.Equal(expected, Assert.Single(errors));
    }

    [Fact]
    public void Create_TheDefaults_AreValid()
    {
        // Act
        var (limits, errors) = TraceLimits.Create(TraceLimits.DefaultMessages, TraceLimits.DefaultDuration.TotalSeconds);

        // Assert
        Assert.Empty(errors);
        Assert.Equal(new TraceLimits(100, TimeSpan.FromSeconds(10)), limits);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await _system.DisposeAsync();

    /// <summary>Replies to calls except "defer" (NoReply), ignores info messages, crashes on the cast "crash".</summary>
    private sealed class Traced : GenServer<int>
    {
        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<CallResult<int>> HandleCallAsync(object request, From from, int state) =>
            ValueTask.FromResult(request is "defer" ? NoReply(state) : Reply(request, state));

        protected override ValueTask<int> HandleCastAsync(object message, int state) =>
            message is "crash" ? throw new InvalidOperationException("crash on purpose") : ValueTask.FromResult(state);
    }
}

using System.Collections.Concurrent;
using ActorRuntime;
using ActorRuntime.Supervision;
using Dashboard.Observability;
using Microsoft.Extensions.Logging;

namespace Unit.Dashboard.Observability;

public sealed class ActorEventLoggerTests
{
    [Fact]
    public async Task Crash_WithRestartPolicy_LogsTheCrashAndTheRestart_ThenTheFinalExit()
    {
        // Arrange
        await using var system = new ActorSystem();
        var logger = new CapturingLogger();
        var log = new ActorEventLogger(system, logger);
        await log.StartAsync(CancellationToken.None);
        var pid = system.Spawn(new Crasher(), new SpawnOptions { Restart = RestartPolicy.OnCrash(1, TimeSpan.FromMinutes(1)) });

        // Act: the first crash is restarted, the second exceeds the limit
        system.Cast(pid, "boom");
        await logger.WaitForAsync(1102);
        system.Cast(pid, "boom again");
        await logger.WaitForAsync(1103);
        await log.StopAsync(CancellationToken.None);

        // Assert
        var entries = logger.Entries.ToList();
        var crash = Assert.Single(entries, entry => entry.EventId == 1101 && entry.Message.Contains("boom", StringComparison.Ordinal) && !entry.Message.Contains("again", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, crash.Level);
        Assert.Contains(pid.ToString(), crash.Message, StringComparison.Ordinal);
        Assert.NotNull(crash.Exception);
        Assert.Equal(LogLevel.Information, Assert.Single(entries, entry => entry.EventId == 1102).Level);
        Assert.Equal(LogLevel.Error, Assert.Single(entries, entry => entry.EventId == 1103).Level);
    }

    [Fact]
    public async Task StopAsync_Unsubscribes()
    {
        // Arrange
        await using var system = new ActorSystem();
        var logger = new CapturingLogger();
        var log = new ActorEventLogger(system, logger);
        await log.StartAsync(CancellationToken.None);
        await log.StopAsync(CancellationToken.None);
        var pid = system.Spawn(new Crasher());

        // Act
        system.Cast(pid, "boom");
        while (system.IsAlive(pid))
        {
            await Task.Yield();
        }

        // Assert
        Assert.Empty(logger.Entries);
    }

    private sealed class Crasher : GenServer<int>
    {
        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<int> HandleCastAsync(object message, int state) => throw new InvalidOperationException(message.ToString());
    }

    private sealed class CapturingLogger : ILogger<ActorEventLogger>
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _seen = new();

        public ConcurrentQueue<(int EventId, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception), exception));
            Seen(eventId.Id).TrySetResult();
        }

        public Task WaitForAsync(int eventId) => Seen(eventId).Task.WaitAsync(TimeSpan.FromSeconds(15));

        private TaskCompletionSource Seen(int eventId) => _seen.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}

using ActorRuntime;
using ActorRuntime.Diagnostics;

namespace Dashboard.Observability;

/// <summary>
/// Writes actor crashes, restarts and exits after a crash to the log as structured events, listening to
/// the whole node's event stream from start-up to shutdown.
/// </summary>
/// <remarks>Runs on the actor's thread for the few events it logs; every other event returns at once.</remarks>
internal sealed partial class ActorEventLogger(ActorSystem system, ILogger<ActorEventLogger> logger) : IHostedService, IActorEventListener
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = system.Subscribe(this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void OnEvent(in ActorEvent actorEvent)
    {
        switch (actorEvent.Kind)
        {
            case ActorEventKind.Crashed:
                Log.Crashed(logger, actorEvent.Pid, actorEvent.Reason, actorEvent.Exception);
                break;
            case ActorEventKind.Restarted:
                Log.Restarted(logger, actorEvent.Pid, actorEvent.Reason);
                break;
            case ActorEventKind.Stopped when actorEvent.Reason?.StartsWith("crash", StringComparison.Ordinal) == true:
                Log.ExitedAfterCrash(logger, actorEvent.Pid, actorEvent.Reason);
                break;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Actor {Pid} crashed: {Reason}")]
        public static partial void Crashed(ILogger logger, Pid pid, string? reason, Exception? exception);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Actor {Pid} restarted under the same pid after: {Reason}")]
        public static partial void Restarted(ILogger logger, Pid pid, string? reason);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Actor {Pid} exited for good: {Reason}")]
        public static partial void ExitedAfterCrash(ILogger logger, Pid pid, string? reason);
    }
}

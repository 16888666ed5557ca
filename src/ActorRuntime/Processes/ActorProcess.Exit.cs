using ActorRuntime.Calls;
using ActorRuntime.Supervision;

namespace ActorRuntime.Processes;

internal sealed partial class ActorProcess
{
    private static readonly TaskCompletionSource ExitedSentinel = CreateCompletedSentinel();

    /// <summary>Asks the loop to stop after the current callback; completes when the actor is gone.</summary>
    public Task RequestStop(string reason)
    {
        var exited = Volatile.Read(ref _exited);
        if (exited is null)
        {
            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            exited = Interlocked.CompareExchange(ref _exited, created, null) ?? created;
        }

        Interlocked.CompareExchange(ref _stopReason, reason, null);
        Interlocked.Exchange(ref _interrupt, 1);
        Schedule();
        return exited.Task;
    }

    /// <summary>A callback threw: restart if the policy allows, otherwise exit. False when the actor exited.</summary>
    internal async ValueTask<bool> CrashAsync(Exception exception, bool duringInit)
    {
        var reason = $"crash: {exception.GetType().Name}: {exception.Message}";
        Volatile.Write(ref _crashes, _crashes + 1);
        Volatile.Write(ref _lastCrashReason, reason);
        System.Metrics.Crashes.Add(1);
        Publish(ActorEventKind.Crashed, reason: reason, exception: exception);

        _intensity ??= new RestartIntensity(_restart);
        if (!_intensity.TryRestart(System.Time, System.Time.GetTimestamp()))
        {
            var final = _restart.MaxRestarts == 0 ? reason : $"{reason} (restart limit of {_restart.MaxRestarts} in {_restart.Window.TotalSeconds:0.#} s reached)";
            return await ExitAsync(final, exception, skipTerminate: duringInit);
        }

        await RestartCoreAsync(reason, exception, runTerminate: !duringInit);
        return true;
    }

    /// <summary>Fails every waiting caller and drops the mailbox, runs TerminateAsync if asked, and has InitAsync run next.</summary>
    private async ValueTask RestartCoreAsync(string reason, Exception? exception, bool runTerminate)
    {
        SetStatus(ActorStatus.Restarting);
        FailWaitingCallers(reason, exception, close: false);
        if (runTerminate)
        {
            await CallbackInvoker.RunTerminateAsync(this, reason);
        }

        Volatile.Write(ref _restarts, _restarts + 1);
        System.Metrics.Restarts.Add(1);
        Publish(ActorEventKind.Restarted, reason: reason);
        _needsInit = true;
    }

    /// <summary>Ends the actor for good: frees its pid, fails every waiting caller at once, then runs TerminateAsync.</summary>
    internal async ValueTask<bool> ExitAsync(string reason, Exception? exception, PendingCall? stoppingCall = null, bool skipTerminate = false)
    {
        SetStatus(ActorStatus.Stopping);
        Volatile.Write(ref _exit, new ExitRecord(reason, exception));
        System.Unregister(this);
        stoppingCall?.TryFail(CallOutcome.ActorExited, new ActorExitedException(Pid, reason, stoppingCall.Request, exception));
        FailWaitingCallers(reason, exception, close: true);
        if (!skipTerminate)
        {
            await CallbackInvoker.RunTerminateAsync(this, reason);
        }

        SetStatus(ActorStatus.Stopped);
        Publish(ActorEventKind.Stopped, reason: reason);
        Interlocked.Exchange(ref _exited, ExitedSentinel)?.TrySetResult();
        AbandonOperatorRequests();
        return false;
    }

    private void FailWaitingCallers(string reason, Exception? exception, bool close)
    {
        if (_loop?.Current is { } current)
        {
            _loop.Current = null;
            current.TryFail(CallOutcome.ActorExited, new ActorExitedException(Pid, reason, current.Request, exception));
        }

        foreach (var call in _deferred?.TakeAll() ?? [])
        {
            call.TryFail(CallOutcome.ActorExited, new ActorExitedException(Pid, reason, call.Request, exception));
        }

        // The mailbox dies with the process, as in Erlang: queued callers fail, other messages are dropped.
        foreach (var envelope in _mailbox.DrainAll(close))
        {
            envelope.Call?.TryFail(CallOutcome.ActorExited, new ActorExitedException(Pid, reason, envelope.Call.Request, exception));
        }
    }

    private static TaskCompletionSource CreateCompletedSentinel()
    {
        var sentinel = new TaskCompletionSource();
        sentinel.SetResult();
        return sentinel;
    }
}
